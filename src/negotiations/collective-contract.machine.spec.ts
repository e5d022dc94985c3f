import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import { eventTypesHandled } from './negotiation-machines';
import { eventsTakenOutsideHandled } from '../../test/support/machine-checks';
import { CollectiveContractEvent, collectiveContractMachine as machine } from './collective-contract.machine';

const on = '2027-02-01';
/** Every event the machine knows, with each guard's variants, labelled for the transition table. */
const EVENTS: Record<string, CollectiveContractEvent> = {
  'RESPOND(accept)': { type: 'RESPOND', accept: true },
  'RESPOND(decline)': { type: 'RESPOND', accept: false, reason: 'not now' },
  'OFFER(union)': { type: 'OFFER', side: 'union' },
  'OFFER(enterprise)': { type: 'OFFER', side: 'enterprise' },
  'ACCEPT(union)': { type: 'ACCEPT', side: 'union' },
  'ACCEPT(enterprise)': { type: 'ACCEPT', side: 'enterprise' },
  'SUSPEND(union)': { type: 'SUSPEND', side: 'union', resumeOn: '2027-03-01' },
  'SUSPEND(enterprise)': { type: 'SUSPEND', side: 'enterprise', resumeOn: '2027-03-01' },
  RESUME: { type: 'RESUME' },
  DISPUTE: { type: 'DISPUTE', reason: 'deadlock' },
  WITHDRAW: { type: 'WITHDRAW', reason: 'withdrawn' },
  'COORDINATE(resume)': { type: 'COORDINATE', outcome: 'resume' },
  'COORDINATE(terminate)': { type: 'COORDINATE', outcome: 'terminate' },
  EXTEND: { type: 'EXTEND', days: 10 },
  COMMENT: { type: 'COMMENT' },
  'RECORD_VOTE(pass)': { type: 'RECORD_VOTE', eligible: 9, present: 6, inFavour: 5, against: 1, abstained: 0 },
  'RECORD_VOTE(fail)': { type: 'RECORD_VOTE', eligible: 9, present: 5, inFavour: 5, against: 0, abstained: 0 },
  'SIGN(union)': { type: 'SIGN', side: 'union' },
  'SIGN(enterprise)': { type: 'SIGN', side: 'enterprise' },
  FILE: { type: 'FILE' },
  'REVIEW(approve)': { type: 'REVIEW', decision: 'approve', on },
  'REVIEW(object)': { type: 'REVIEW', decision: 'object', opinion: 'clause 3 is unlawful', on },
  PUBLISH: { type: 'PUBLISH', expiresOn: '2029-02-01', renewalOpensAt: '2028-11-01' },
  'REQUEST_RENEWAL(in window)': { type: 'REQUEST_RENEWAL', on: '2028-12-01' },
  'REQUEST_RENEWAL(too early)': { type: 'REQUEST_RENEWAL', on: '2028-06-01' },
  REQUEST_INFORMATION: { type: 'REQUEST_INFORMATION' },
  PROVIDE_INFORMATION: { type: 'PROVIDE_INFORMATION' },
  DECLARE_CURRENT_TERMS: { type: 'DECLARE_CURRENT_TERMS' },
  RESPONSE_OVERDUE: { type: 'RESPONSE_OVERDUE' },
  RESUMPTION_DUE: { type: 'RESUMPTION_DUE' },
  REVIEW_PERIOD_ELAPSED: { type: 'REVIEW_PERIOD_ELAPSED', on },
  TERM_ENDED: { type: 'TERM_ENDED' },
  DEADLINE_PASSED: { type: 'DEADLINE_PASSED', deadline: 'filing' },
  // — the table —
  'VACATE_SEAT(union)': { type: 'VACATE_SEAT', side: 'union' },
  'VACATE_SEAT(enterprise)': { type: 'VACATE_SEAT', side: 'enterprise' },
  'REPLACE_SEAT(union)': { type: 'REPLACE_SEAT', side: 'union', fillsVacancy: false },
  'REPLACE_SEAT(enterprise)': { type: 'REPLACE_SEAT', side: 'enterprise', fillsVacancy: false },
  'REPLACE_SEAT(union, vacant)': { type: 'REPLACE_SEAT', side: 'union', fillsVacancy: true },
  'REPLACE_SEAT(enterprise, vacant)': { type: 'REPLACE_SEAT', side: 'enterprise', fillsVacancy: true },
  'NAME_RECORDER(union)': { type: 'NAME_RECORDER', side: 'union', userId: 'recorder-1' },
  'NAME_RECORDER(enterprise)': { type: 'NAME_RECORDER', side: 'enterprise', userId: 'recorder-1' },
  // ballots
  OPEN_BALLOT: { type: 'OPEN_BALLOT' },
  'CLOSE_BALLOT(pass)': { type: 'CLOSE_BALLOT', everyoneVoted: true, eligible: 3, present: 3, inFavour: 2, against: 1, abstained: 0 },
  'CLOSE_BALLOT(fail)': { type: 'CLOSE_BALLOT', everyoneVoted: true, eligible: 3, present: 3, inFavour: 1, against: 2, abstained: 0 },
  'CLOSE_BALLOT(someone yet to vote)': { type: 'CLOSE_BALLOT', everyoneVoted: false, eligible: 3, present: 2, inFavour: 2, against: 0, abstained: 0 },
  'BALLOT_PERIOD_ENDED(pass)': { type: 'BALLOT_PERIOD_ENDED', eligible: 9, present: 6, inFavour: 5, against: 1, abstained: 0 },
  'BALLOT_PERIOD_ENDED(fail)': { type: 'BALLOT_PERIOD_ENDED', eligible: 9, present: 5, inFavour: 5, against: 0, abstained: 0 },
};
const labelOf = (event: CollectiveContractEvent) => Object.entries(EVENTS).find(([, e]) => e === event)![0];

/** States differ by value and by the context guards read; the round counter is left out so the graph is finite. */
const serializeState = (s: AnyMachineSnapshot) => {
  const { turn, lastOfferBy, signatures, coordinationExtended, enterpriseSeated, renewalRequested } = s.context;
  // the table: which sides are short (not how many seats), who proposed what, whether a recorder is named
  const { vacantSeats, pendingSuspension, recorderProposal, recorder, ballotOpen } = s.context;
  const table = { short: [...new Set(vacantSeats)].sort(), suspension: pendingSuspension?.by, naming: recorderProposal?.by, recorder: recorder !== null };
  return JSON.stringify({ value: s.value, turn, lastOfferBy, signatures, coordinationExtended, enterpriseSeated, renewalRequested, table, ballotOpen });
};
const traversal = { events: Object.values(EVENTS), serializeState };
/** Every reachable state and where each event takes it: built once (half a minute), asked by several tests. */
const buildAdjacency = () => getAdjacencyMap(machine, traversal);
let built: ReturnType<typeof buildAdjacency> | undefined;
const adjacency = () => (built ??= buildAdjacency());

const STATES = [
  'requested',
  'bargaining',
  'suspended',
  'disputed',
  'consultation',
  'ratified',
  'signed',
  'under_review',
  'effective',
  'published',
  'withdrawn',
  'terminated',
  'expired',
];

/** DESIGN §1a as a table: from, event, to. */
const TRANSITIONS = [
  ['requested', 'RESPOND(accept)', 'bargaining'],
  ['requested', 'RESPOND(decline)', 'disputed'],
  ['requested', 'RESPONSE_OVERDUE', 'disputed'],
  ['requested', 'WITHDRAW', 'withdrawn'],
  ['bargaining', 'OFFER(union)', 'bargaining'],
  ['bargaining', 'OFFER(enterprise)', 'bargaining'],
  ['bargaining', 'ACCEPT(union)', 'consultation'],
  ['bargaining', 'ACCEPT(enterprise)', 'consultation'],
  ['bargaining', 'SUSPEND(union)', 'bargaining'],
  ['bargaining', 'SUSPEND(enterprise)', 'bargaining'],
  ['bargaining', 'SUSPEND(union)', 'suspended'],
  ['bargaining', 'SUSPEND(enterprise)', 'suspended'],
  ['bargaining', 'DISPUTE', 'disputed'],
  ['bargaining', 'WITHDRAW', 'withdrawn'],
  // costing (001 §12): asked in bargaining, answered while talks are open or suspended
  ['bargaining', 'REQUEST_INFORMATION', 'bargaining'],
  ['bargaining', 'PROVIDE_INFORMATION', 'bargaining'],
  ['bargaining', 'DECLARE_CURRENT_TERMS', 'bargaining'],
  ['suspended', 'PROVIDE_INFORMATION', 'suspended'],
  ['suspended', 'DECLARE_CURRENT_TERMS', 'suspended'],
  ['suspended', 'RESUME', 'bargaining'],
  ['suspended', 'RESUMPTION_DUE', 'bargaining'],
  ['suspended', 'WITHDRAW', 'withdrawn'],
  ['disputed', 'COORDINATE(resume)', 'bargaining'],
  ['disputed', 'COORDINATE(resume)', 'requested'],
  ['disputed', 'COORDINATE(terminate)', 'terminated'],
  ['disputed', 'EXTEND', 'disputed'],
  ['disputed', 'WITHDRAW', 'withdrawn'],
  ['consultation', 'COMMENT', 'consultation'],
  ['consultation', 'RECORD_VOTE(pass)', 'ratified'],
  ['consultation', 'RECORD_VOTE(fail)', 'bargaining'],
  ['ratified', 'SIGN(union)', 'ratified'],
  ['ratified', 'SIGN(enterprise)', 'ratified'],
  ['ratified', 'SIGN(union)', 'signed'],
  ['ratified', 'SIGN(enterprise)', 'signed'],
  ['signed', 'FILE', 'under_review'],
  ['under_review', 'REVIEW(approve)', 'effective'],
  ['under_review', 'REVIEW(object)', 'bargaining'],
  ['under_review', 'REVIEW_PERIOD_ELAPSED', 'effective'],
  ['effective', 'PUBLISH', 'published'],
  ['published', 'REQUEST_RENEWAL(in window)', 'published'],
  ['published', 'TERM_ENDED', 'expired'],
  // ballots
  ['consultation', 'OPEN_BALLOT', 'consultation'],
  ['consultation', 'CLOSE_BALLOT(pass)', 'ratified'],
  ['consultation', 'CLOSE_BALLOT(fail)', 'bargaining'],
  ['consultation', 'BALLOT_PERIOD_ENDED(pass)', 'ratified'],
  ['consultation', 'BALLOT_PERIOD_ENDED(fail)', 'bargaining'],
  ...STATES.filter((s) => !['withdrawn', 'terminated', 'expired'].includes(s)).map((s) => [s, 'DEADLINE_PASSED', s]),
  // — the table: seats change wherever the procedure is open (art. 31); the recorder is named while talks sit (art. 33) —
  ...STATES.filter((s) => !['withdrawn', 'terminated', 'expired'].includes(s)).flatMap((s) =>
    ['VACATE_SEAT', 'REPLACE_SEAT'].flatMap((e) => [`${e}(union)`, `${e}(enterprise)`, ...(e === 'REPLACE_SEAT' ? [`${e}(union, vacant)`, `${e}(enterprise, vacant)`] : [])]).map((e) => [s, e, s]),
  ),
  ...['bargaining', 'suspended'].flatMap((s) => [[s, 'NAME_RECORDER(union)', s], [s, 'NAME_RECORDER(enterprise)', s]]),
].map((t) => t.join(' → '));

function walk(...labels: string[]) {
  let [snapshot] = initialTransition(machine);
  for (const label of labels) {
    expect(snapshot.can(EVENTS[label])).toBe(true);
    [snapshot] = transition(machine, snapshot, EVENTS[label]);
  }
  return snapshot;
}

describe('collective contract machine', () => {
  it('reaches every state of DESIGN §1a by some path', () => {
    const reached = new Set(Object.values(adjacency()).map(({ state }) => String(state.value)));
    expect([...reached].sort()).toEqual([...STATES].sort());
  });

  it('takes an event only where its state, or a state it is in, has a transition for the type (what allowedEvents asks `can` of)', () => {
    const { taken, outside } = eventsTakenOutsideHandled('collective_contract', adjacency());
    expect(outside).toEqual([]);
    expect(taken).toBeGreaterThan(10);
    expect(eventTypesHandled('collective_contract', 'no such state')).toBeNull();
  });

  it('has exactly the transitions of the table, no more and no fewer', () => {
    const actual = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency()))
      for (const { event, state: nextState } of Object.values(transitions) as Array<{ event: CollectiveContractEvent; state: AnyMachineSnapshot }>)
        if (state.can(event)) actual.add([String(state.value), labelOf(event), String(nextState.value)].join(' → '));
    expect([...actual].sort()).toEqual([...new Set(TRANSITIONS)].sort());
  });

  it('opens with the union proposal on the table and the enterprise to answer', () => {
    const [start] = initialTransition(machine);
    expect(start.value).toBe('requested');
    expect(start.context).toMatchObject({ round: 1, turn: 'enterprise', lastOfferBy: 'union' });
  });

  it('alternates turns: a side cannot offer twice in a row', () => {
    const s = walk('RESPOND(accept)', 'OFFER(enterprise)');
    expect(s.context).toMatchObject({ round: 2, turn: 'union', lastOfferBy: 'enterprise' });
    expect(s.can(EVENTS['OFFER(enterprise)'])).toBe(false);
    expect(s.can(EVENTS['OFFER(union)'])).toBe(true);
  });

  it('lets only the side answering the offer on the table accept it', () => {
    const s = walk('RESPOND(accept)', 'OFFER(enterprise)');
    expect(s.can(EVENTS['ACCEPT(enterprise)'])).toBe(false);
    expect(s.can(EVENTS['ACCEPT(union)'])).toBe(true);
  });

  it('ratifies a vote where exactly two thirds attended and exactly half of all eligible approved', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)');
    const [after] = transition(machine, s, { type: 'RECORD_VOTE', eligible: 240, present: 160, inFavour: 120, against: 40, abstained: 0 });
    expect(after.value).toBe('ratified');
  });

  it('rejects a vote where one fewer than two thirds attended, reopening bargaining for either side', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)');
    const [after] = transition(machine, s, { type: 'RECORD_VOTE', eligible: 240, present: 159, inFavour: 159, against: 0, abstained: 0 });
    expect(after.value).toBe('bargaining');
    expect(after.context).toMatchObject({ turn: null, lastOfferBy: null });
    expect(after.context.returnedBecause).toContain('159/240');
    expect(after.can(EVENTS['OFFER(union)']) && after.can(EVENTS['OFFER(enterprise)'])).toBe(true);
    expect(after.can(EVENTS['ACCEPT(union)']) || after.can(EVENTS['ACCEPT(enterprise)'])).toBe(false);
  });

  it('rejects a vote where one fewer than half of all eligible approved', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)');
    const [after] = transition(machine, s, { type: 'RECORD_VOTE', eligible: 240, present: 240, inFavour: 119, against: 121, abstained: 0 });
    expect(after.value).toBe('bargaining');
  });

  it('needs both chiefs to sign, each once', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'RECORD_VOTE(pass)', 'SIGN(union)');
    expect(s.value).toBe('ratified');
    expect(s.can(EVENTS['SIGN(union)'])).toBe(false);
    const [signed] = transition(machine, s, EVENTS['SIGN(enterprise)']);
    expect(signed.value).toBe('signed');
    expect(signed.context.signatures).toEqual(['union', 'enterprise']);
  });

  it('sends an objection from the bureau back to bargaining with its opinion', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'RECORD_VOTE(pass)', 'SIGN(union)', 'SIGN(enterprise)', 'FILE', 'REVIEW(object)');
    expect(s.value).toBe('bargaining');
    expect(s.context.returnedBecause).toContain('clause 3 is unlawful');
  });

  it('records the date of entry into force and the term on publication', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'RECORD_VOTE(pass)', 'SIGN(union)', 'SIGN(enterprise)', 'FILE', 'REVIEW_PERIOD_ELAPSED', 'PUBLISH');
    expect(s.context).toMatchObject({ effectiveFrom: on, expiresOn: '2029-02-01', renewalOpensAt: '2028-11-01' });
  });

  it('allows renewal only in the window before the term ends', () => {
    const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'RECORD_VOTE(pass)', 'SIGN(union)', 'SIGN(enterprise)', 'FILE', 'REVIEW(approve)', 'PUBLISH');
    expect(s.can(EVENTS['REQUEST_RENEWAL(too early)'])).toBe(false);
    expect(s.can(EVENTS['REQUEST_RENEWAL(in window)'])).toBe(true);
    expect(s.can({ type: 'REQUEST_RENEWAL', on: '2029-02-01' })).toBe(false);
    const [renewed] = transition(machine, s, EVENTS['REQUEST_RENEWAL(in window)']);
    expect(renewed.can(EVENTS['REQUEST_RENEWAL(in window)'])).toBe(false);
  });

  it('sends a refused request back to the enterprise when coordination resumes it: nobody bargains without its seats', () => {
    expect(walk('RESPOND(decline)', 'COORDINATE(resume)').value).toBe('requested');
    expect(walk('RESPOND(accept)', 'DISPUTE', 'COORDINATE(resume)').value).toBe('bargaining');
  });

  it('extends coordination only once', () => {
    const s = walk('RESPOND(decline)', 'EXTEND');
    expect(s.can(EVENTS.EXTEND)).toBe(false);
  });

  it('restores from a persisted snapshot and continues', () => {
    const s = walk('RESPOND(accept)', 'OFFER(enterprise)');
    const restored = machine.resolveState({ value: 'bargaining', context: JSON.parse(JSON.stringify(s.context)) });
    expect(restored.can(EVENTS['OFFER(union)'])).toBe(true);
    expect(restored.can(EVENTS['OFFER(enterprise)'])).toBe(false);
  });

  // — the table —
  it('refuses offers and acceptances while a seat is vacant, and allows them again once it is filled (art. 31)', () => {
    const short = walk('RESPOND(accept)', 'VACATE_SEAT(union)');
    expect(short.can(EVENTS['OFFER(enterprise)'])).toBe(false);
    expect(short.can(EVENTS['ACCEPT(enterprise)'])).toBe(false);
    const stillShort = transition(machine, short, EVENTS['REPLACE_SEAT(union)'])[0];
    expect(stillShort.can(EVENTS['OFFER(enterprise)'])).toBe(false);
    const filled = transition(machine, short, EVENTS['REPLACE_SEAT(union, vacant)'])[0];
    expect(filled.can(EVENTS['OFFER(enterprise)'])).toBe(true);
    expect(filled.can(EVENTS['ACCEPT(enterprise)'])).toBe(true);
  });

  it('counts vacancies one by one: two vacant seats need two fillings', () => {
    const twice = walk('RESPOND(accept)', 'VACATE_SEAT(union)', 'VACATE_SEAT(union)', 'REPLACE_SEAT(union, vacant)');
    expect(twice.can(EVENTS['OFFER(enterprise)'])).toBe(false);
    expect(transition(machine, twice, EVENTS['REPLACE_SEAT(union, vacant)'])[0].can(EVENTS['OFFER(enterprise)'])).toBe(true);
  });

  it('a filling of the other side does not fill this side’s vacancy', () => {
    const s = walk('RESPOND(accept)', 'VACATE_SEAT(union)', 'REPLACE_SEAT(enterprise, vacant)');
    expect(s.context.vacantSeats).toEqual(['union']);
  });

  it('suspends only when the other chief agrees to the same date (art. 35)', () => {
    const proposed = walk('RESPOND(accept)', 'SUSPEND(union)');
    expect(proposed.value).toBe('bargaining');
    expect(proposed.context.pendingSuspension).toEqual({ by: 'union', resumeOn: '2027-03-01' });
    expect(transition(machine, proposed, EVENTS['SUSPEND(union)'])[0].value).toBe('bargaining');
    const otherDate = transition(machine, proposed, { type: 'SUSPEND', side: 'enterprise', resumeOn: '2027-03-02' })[0];
    expect(otherDate.value).toBe('bargaining');
    expect(otherDate.context.pendingSuspension).toEqual({ by: 'enterprise', resumeOn: '2027-03-02' });
    const agreed = transition(machine, proposed, EVENTS['SUSPEND(enterprise)'])[0];
    expect(agreed.value).toBe('suspended');
    expect(agreed.context.pendingSuspension).toBeNull();
  });

  it('an offer or an acceptance between the two withdraws the proposed suspension', () => {
    const offered = walk('RESPOND(accept)', 'SUSPEND(union)', 'OFFER(enterprise)');
    expect(offered.context.pendingSuspension).toBeNull();
    expect(transition(machine, offered, EVENTS['SUSPEND(enterprise)'])[0].value).toBe('bargaining');
    const accepted = walk('RESPOND(accept)', 'SUSPEND(enterprise)', 'ACCEPT(enterprise)');
    expect(accepted.context.pendingSuspension).toBeNull();
  });

  it('a proposed suspension lapses when talks leave bargaining', () => {
    const s = walk('RESPOND(accept)', 'SUSPEND(union)', 'DISPUTE', 'COORDINATE(resume)');
    expect(s.value).toBe('bargaining');
    expect(s.context.pendingSuspension).toBeNull();
    expect(transition(machine, s, EVENTS['SUSPEND(enterprise)'])[0].value).toBe('bargaining');
  });

  it('names the recorder when the second chief names the same person (art. 33); one chief twice is not both', () => {
    const once = walk('RESPOND(accept)', 'NAME_RECORDER(union)');
    expect(once.context).toMatchObject({ recorder: null, recorderProposal: { by: 'union', userId: 'recorder-1' } });
    expect(transition(machine, once, EVENTS['NAME_RECORDER(union)'])[0].context.recorder).toBeNull();
    const other = transition(machine, once, { type: 'NAME_RECORDER', side: 'enterprise', userId: 'recorder-2' })[0];
    expect(other.context).toMatchObject({ recorder: null, recorderProposal: { by: 'enterprise', userId: 'recorder-2' } });
    const joint = transition(machine, once, EVENTS['NAME_RECORDER(enterprise)'])[0];
    expect(joint.context).toMatchObject({ recorder: 'recorder-1', recorderProposal: null });
  });

  describe('ballots', () => {
    it('opens one ballot at a time, and takes no vote by hand while it is open', () => {
      const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'OPEN_BALLOT');
      expect(s.value).toBe('consultation');
      expect(s.can(EVENTS.OPEN_BALLOT)).toBe(false);
      expect(s.can(EVENTS['RECORD_VOTE(pass)'])).toBe(false);
      expect(s.can(EVENTS.COMMENT)).toBe(true);
    });

    it('closes early only once everyone on the roll has voted', () => {
      const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'OPEN_BALLOT');
      expect(s.can(EVENTS['CLOSE_BALLOT(someone yet to vote)'])).toBe(false);
      expect(s.can(EVENTS['CLOSE_BALLOT(pass)'])).toBe(true);
    });

    it('closes nothing when no ballot is open', () => {
      const s = walk('RESPOND(accept)', 'ACCEPT(enterprise)');
      expect(s.can(EVENTS['CLOSE_BALLOT(pass)']) || s.can(EVENTS['BALLOT_PERIOD_ENDED(pass)'])).toBe(false);
    });

    it('applies art. 36 to the ballot at its deadline exactly as to a vote by hand', () => {
      const open = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'OPEN_BALLOT');
      const close = (present: number, inFavour: number) =>
        transition(machine, open, { type: 'BALLOT_PERIOD_ENDED', eligible: 240, present, inFavour, against: present - inFavour, abstained: 0 })[0];
      expect(close(160, 120).value).toBe('ratified');
      expect(close(159, 159).value).toBe('bargaining');
      expect(close(240, 119).value).toBe('bargaining');
    });

    it('records which way the vote was taken, and a failed ballot reopens bargaining with its tally', () => {
      const byBallot = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'OPEN_BALLOT', 'BALLOT_PERIOD_ENDED(fail)');
      expect(byBallot.context).toMatchObject({ ballotOpen: false, vote: { method: 'ballot', eligible: 9, present: 5 }, turn: null });
      expect(byBallot.context.returnedBecause).toContain('5/9');
      const byHand = walk('RESPOND(accept)', 'ACCEPT(enterprise)', 'RECORD_VOTE(pass)');
      expect(byHand.context.vote).toMatchObject({ method: 'count_sheet', eligible: 9, present: 6, inFavour: 5 });
    });
  });

  it('ends in final states that accept nothing', () => {
    for (const end of [walk('WITHDRAW'), walk('RESPOND(decline)', 'COORDINATE(terminate)')]) {
      expect(end.status).toBe('done');
      expect(Object.values(EVENTS).some((e) => end.can(e))).toBe(false);
    }
  });
});
