import { eventFromForm } from './event-forms';
import { FormError } from './terms-form';

describe('negotiator forms become the API event bodies', () => {
  it('a one-press event is just its type', () => {
    expect(eventFromForm({ type: 'SIGN', version: '7', _csrf: 'x' }, 'zh')).toEqual({ type: 'SIGN', body: { type: 'SIGN' } });
  });

  it('an offer carries its terms in API units and an optional note', () => {
    const { body } = eventFromForm({ type: 'OFFER', 'rate.0.task': 'delivery', 'rate.0.base': '6.40', quota: '4', note: ' 让步 ' }, 'zh');
    expect(body).toEqual({ type: 'OFFER', terms: { pieceRates: [{ task: 'delivery', baseFen: 640 }], laborQuota: { standardTasksPerHour: 4 } }, note: '让步' });
  });

  it('an acceptance without a note sends no note', () => {
    expect(eventFromForm({ type: 'ACCEPT', note: '' }, 'zh').body).toEqual({ type: 'ACCEPT' });
  });

  it('accepting a request names the seats, never listing the chief as a member too', () => {
    const { body } = eventFromForm({ type: 'RESPOND', accept: 'yes', chief: 'p1', members: ['p1', 'p2', 'p3'] }, 'zh');
    expect(body).toEqual({ type: 'RESPOND', accept: true, representatives: { chief: 'p1', members: ['p2', 'p3'] } });
    expect(eventFromForm({ type: 'RESPOND', accept: 'no', reason: '经营困难' }, 'zh').body).toEqual({ type: 'RESPOND', accept: false, reason: '经营困难' });
  });

  it('a vote by delegates lists them, one per line or separated by commas', () => {
    const body = eventFromForm({ type: 'RECORD_VOTE', eligible: '2', present: '2', inFavour: '2', against: '0', abstained: '0', countSheetSha256: 'a'.repeat(64), delegates: 'u1\r\nu2，' }, 'zh').body;
    expect(body.delegates).toEqual(['u1', 'u2']);
  });

  it('opens a ballot of all workers, or of the delegates listed', () => {
    expect(eventFromForm({ type: 'OPEN_BALLOT', body: 'all_workers', closesOn: '2027-03-01', delegates: 'u1' }, 'zh').body).toEqual({
      type: 'OPEN_BALLOT',
      body: 'all_workers',
      closesOn: '2027-03-01',
    });
    expect(eventFromForm({ type: 'OPEN_BALLOT', body: 'delegates', closesOn: '2027-03-01', delegates: 'u1 u2' }, 'zh').body).toEqual({
      type: 'OPEN_BALLOT',
      body: 'delegates',
      closesOn: '2027-03-01',
      delegates: ['u1', 'u2'],
    });
  });

  it('a vote tally is whole numbers, each unreadable count named', () => {
    const sheet = 'AB'.repeat(32);
    const tally = { type: 'RECORD_VOTE', eligible: '240', present: '170', inFavour: '150', against: '15', abstained: '5', countSheetSha256: sheet };
    expect(eventFromForm(tally, 'zh').body).toEqual({
      type: 'RECORD_VOTE',
      eligible: 240,
      present: 170,
      inFavour: 150,
      against: 15,
      abstained: 5,
      countSheetSha256: sheet.toLowerCase(),
    });
    expect(() => eventFromForm({ ...tally, present: '一百七', against: '' }, 'zh')).toThrow(new FormError(['实到人数：请填写正确的数字', '反对：必填']));
  });

  it('answers to opinions pair each comment with adopted or not and a reason', () => {
    const form = { type: 'RESPOND_TO_OPINIONS', commentId: ['c1', 'c2'], 'adopted.c1': 'yes', 'reason.c1': '采纳', 'adopted.c2': 'no', 'reason.c2': '成本过高' };
    expect(eventFromForm(form, 'zh').body).toEqual({
      type: 'RESPOND_TO_OPINIONS',
      answers: [
        { commentId: 'c1', adopted: true, reason: '采纳' },
        { commentId: 'c2', adopted: false, reason: '成本过高' },
      ],
    });
  });

  it('a review sends an opinion only with an objection', () => {
    expect(eventFromForm({ type: 'REVIEW', decision: 'approve', opinion: 'ok' }, 'zh').body).toEqual({ type: 'REVIEW', decision: 'approve' });
    expect(eventFromForm({ type: 'REVIEW', decision: 'object', opinion: '低于标准' }, 'zh').body).toEqual({ type: 'REVIEW', decision: 'object', opinion: '低于标准' });
  });

  it('refuses a type that is no event', () => {
    expect(() => eventFromForm({ type: 'DROP_TABLE' }, 'zh')).toThrow(FormError);
  });
});
