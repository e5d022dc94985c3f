import { contractTerm, deadlinesOnEntering, PlanInput, PlannedDeadline, termExpiry } from './deadline-plan';
import { nationalRulePack, parseRulePack } from './rule-pack';

const SHANGHAI = 'Asia/Shanghai';
/** 09:00 on Monday 4 January 2027, Shanghai time. */
const at = new Date('2027-01-04T01:00:00Z');
const pack = nationalRulePack();

const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'state'>): Array<{ kind: string; dueAt: string }> =>
  deadlinesOnEntering({ kind: 'collective_contract', at, pack, zone: SHANGHAI, ...input }).map((d: PlannedDeadline) => ({
    kind: d.kind,
    dueAt: d.dueAt.toISOString(),
  }));

describe('deadlinesOnEntering a collective contract state', () => {
  it('a request to bargain starts the 20-day response clock (art. 32); its 20th day, 24 January 2027, is a Sunday', () => {
    expect(plan({ state: 'requested' })).toEqual([{ kind: 'response', dueAt: '2027-01-25T15:59:59.999Z' }]);
  });

  it('says when a clock was counted on weekends only (2027 is not in the holiday data)', () => {
    expect(deadlinesOnEntering({ kind: 'collective_contract', at, pack, zone: SHANGHAI, state: 'requested' })[0].calendar).toBe('weekends_only');
    const known = deadlinesOnEntering({ kind: 'collective_contract', at: new Date('2026-03-02T01:00:00Z'), pack, zone: SHANGHAI, state: 'requested' });
    expect(known[0]).toMatchObject({ kind: 'response', calendar: 'statutory' });
  });

  it('takes its periods from the pack it is given: Shanghai answers in 15 days', () => {
    const shanghai = { ...pack, ...parseRulePack({ response: 'P15D' }, '310000.json') };
    expect(plan({ state: 'requested', pack: shanghai })).toEqual([{ kind: 'response', dueAt: '2027-01-19T15:59:59.999Z' }]);
  });

  it('a dispute starts the 30-day coordination clock', () => {
    expect(plan({ state: 'disputed' })).toEqual([{ kind: 'coordination', dueAt: '2027-02-03T15:59:59.999Z' }]);
  });

  it('the second signature starts the 10-day filing clock (art. 42)', () => {
    expect(plan({ state: 'signed' })).toEqual([{ kind: 'filing', dueAt: '2027-01-14T15:59:59.999Z' }]);
  });

  it('filing starts the 15-day review clock (art. 47)', () => {
    expect(plan({ state: 'under_review' })).toEqual([{ kind: 'review', dueAt: '2027-01-19T15:59:59.999Z' }]);
  });

  it('taking effect starts the 10-day publication clock', () => {
    expect(plan({ state: 'effective' })).toEqual([{ kind: 'publication', dueAt: '2027-01-14T15:59:59.999Z' }]);
  });

  it('a suspension resumes at the first instant of the agreed resumption date (art. 35)', () => {
    expect(plan({ state: 'suspended', resumeOn: '2027-02-01' })).toEqual([
      { kind: 'resumption', dueAt: '2027-01-31T16:00:00.000Z' },
    ]);
  });

  it('a suspension without a resumption date starts no clock', () => {
    expect(plan({ state: 'suspended' })).toEqual([]);
  });

  it('publication starts the annual round, and with a term the clocks of its end and of the renewal window', () => {
    expect(plan({ state: 'published', term: { expiresOn: '2029-01-05', renewalOpensAt: '2028-10-05' } })).toEqual([
      { kind: 'annualRound', dueAt: '2028-01-04T15:59:59.999Z' },
      { kind: 'termEnd', dueAt: '2029-01-04T16:00:00.000Z' },
      { kind: 'renewalWindow', dueAt: '2028-10-04T16:00:00.000Z' },
    ]);
  });

  it('publication without a term starts only the annual round', () => {
    expect(plan({ state: 'published', term: null })).toEqual([{ kind: 'annualRound', dueAt: '2028-01-04T15:59:59.999Z' }]);
  });

  it.each(['bargaining', 'consultation', 'ratified', 'withdrawn', 'terminated', 'expired'])(
    'entering %s starts no clock',
    (state) => {
      expect(plan({ state })).toEqual([]);
    },
  );
});

describe('deadlinesOnEntering a rule-change state', () => {
  it('opening a consultation starts the 7-day comment window', () => {
    expect(plan({ kind: 'rule_change', state: 'consultation' })).toEqual([
      { kind: 'consultationWindow', dueAt: '2027-01-11T15:59:59.999Z' },
    ]);
  });

  it('publishing a rule change starts the annual round', () => {
    expect(plan({ kind: 'rule_change', state: 'published' })).toEqual([{ kind: 'annualRound', dueAt: '2028-01-04T15:59:59.999Z' }]);
  });

  it.each(['requested', 'disputed', 'signed', 'awaiting_response', 'responded'])(
    'entering %s in a rule change starts no clock',
    (state) => {
      expect(plan({ kind: 'rule_change', state })).toEqual([]);
    },
  );
});

describe('termExpiry', () => {
  it('a 24-month term from 5 January 2027 runs until 5 January 2029', () => {
    expect(termExpiry('2027-01-05', 24, SHANGHAI)).toBe('2029-01-05');
  });

  it('counts calendar months', () => {
    expect(termExpiry('2027-03-15', 12, SHANGHAI)).toBe('2028-03-15');
    expect(termExpiry('2027-03-15', 36, SHANGHAI)).toBe('2030-03-15');
  });
});

describe('contractTerm', () => {
  it('renewal may be requested from 3 months before the last day (the national pack)', () => {
    expect(contractTerm('2027-01-05', 24, pack, SHANGHAI)).toEqual({ expiresOn: '2029-01-05', renewalOpensAt: '2028-10-05' });
  });

  it("takes the renewal window from the region's pack", () => {
    const short = { ...pack, ...parseRulePack({ renewalWindow: 'P1M' }, '310000.json') };
    expect(contractTerm('2027-01-05', 12, short, SHANGHAI)).toEqual({ expiresOn: '2028-01-05', renewalOpensAt: '2027-12-05' });
  });
});
