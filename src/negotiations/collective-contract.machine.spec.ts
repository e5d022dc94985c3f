import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
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
  SUSPEND: { type: 'SUSPEND', resumeOn: '2027-03-01' },
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
  const { ballotOpen } = s.context;
  return JSON.stringify({ value: s.value, turn, lastOfferBy, signatures, coordinationExtended, enterpriseSeated, renewalRequested, ballotOpen });
};
const traversal = { events: Object.values(EVENTS), serializeState };

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
  ['bargaining', 'SUSPEND', 'suspended'],
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
    const reached = new Set(getShortestPaths(machine, traversal).map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual([...STATES].sort());
  });

  it('has exactly the transitions of the table, no more and no fewer', () => {
    const adjacency = getAdjacencyMap(machine, traversal);
    const actual = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency))
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
