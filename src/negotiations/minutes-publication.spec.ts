import { minutesSignedByBothChiefs } from './minutes-publication';

describe('minutesSignedByBothChiefs (2024 协商指引: results signed by both chiefs reach the workers)', () => {
  it('a round answered by the other chief with a counter-offer or an acceptance carries both chiefs’ acts', () => {
    expect(minutesSignedByBothChiefs({ answerType: 'OFFER' })).toBe(true);
    expect(minutesSignedByBothChiefs({ answerType: 'ACCEPT' })).toBe(true);
  });

  it('an offer not yet answered, or a request declined, is no signed result of a meeting', () => {
    expect(minutesSignedByBothChiefs({ answerType: null })).toBe(false);
    expect(minutesSignedByBothChiefs({ answerType: 'RESPOND' })).toBe(false);
  });
});
