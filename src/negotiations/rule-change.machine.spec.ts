import { AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { getAdjacencyMap, getShortestPaths } from 'xstate/graph';
import { eventTypesHandled } from './negotiation-machines';
import { eventsTakenOutsideHandled } from '../../test/support/machine-checks';
import { RuleChangeEvent, ruleChangeMachine as machine } from './rule-change.machine';

const EVENTS: Record<string, RuleChangeEvent> = {
  COMMENT: { type: 'COMMENT' },
  CLOSE_CONSULTATION: { type: 'CLOSE_CONSULTATION' },
  CONSULTATION_WINDOW_CLOSED: { type: 'CONSULTATION_WINDOW_CLOSED' },
  REQUEST_BARGAINING: { type: 'REQUEST_BARGAINING', reason: 'piece rates fall' },
  RESPOND_TO_OPINIONS: { type: 'RESPOND_TO_OPINIONS' },
  PUBLISH: { type: 'PUBLISH' },
  WITHDRAW: { type: 'WITHDRAW', reason: 'dropped' },
  DEADLINE_PASSED: { type: 'DEADLINE_PASSED', deadline: 'annualRound' },
};
const labelOf = (event: RuleChangeEvent) => Object.entries(EVENTS).find(([, e]) => e === event)![0];
const traversal = { events: Object.values(EVENTS), serializeState: (s: { value: unknown }) => JSON.stringify(s.value) };

/** DESIGN §1b: consultation → awaiting_response → responded → published. */
const TRANSITIONS = [
  'consultation → COMMENT → consultation',
  'consultation → REQUEST_BARGAINING → consultation',
  'consultation → CLOSE_CONSULTATION → awaiting_response',
  'consultation → CONSULTATION_WINDOW_CLOSED → awaiting_response',
  'consultation → WITHDRAW → withdrawn',
  'consultation → DEADLINE_PASSED → consultation',
  'awaiting_response → RESPOND_TO_OPINIONS → responded',
  'awaiting_response → WITHDRAW → withdrawn',
  'awaiting_response → DEADLINE_PASSED → awaiting_response',
  'responded → PUBLISH → published',
  'responded → DEADLINE_PASSED → responded',
  'published → DEADLINE_PASSED → published',
];

describe('rule change machine', () => {
  it('reaches every state of DESIGN §1b', () => {
    const reached = new Set(getShortestPaths(machine, traversal).map((p) => String(p.state.value)));
    expect([...reached].sort()).toEqual(['awaiting_response', 'consultation', 'published', 'responded', 'withdrawn']);
  });

  it('takes an event only where its state, or a state it is in, has a transition for the type (what allowedEvents asks `can` of)', () => {
    const { taken, outside } = eventsTakenOutsideHandled('rule_change', getAdjacencyMap(machine, traversal));
    expect(outside).toEqual([]);
    expect(taken).toBeGreaterThan(10);
    expect(eventTypesHandled('rule_change', 'no such state')).toBeNull();
  });

  it('has exactly the transitions of the table', () => {
    const actual = new Set<string>();
    for (const { state, transitions } of Object.values(getAdjacencyMap(machine, traversal)))
      for (const { event, state: next } of Object.values(transitions) as Array<{ event: RuleChangeEvent; state: AnyMachineSnapshot }>)
        if (state.can(event)) actual.add(`${String(state.value)} → ${labelOf(event)} → ${String(next.value)}`);
    expect([...actual].sort()).toEqual([...TRANSITIONS].sort());
  });

  it('opens in consultation and counts the bargaining requests made from it', () => {
    let [s] = initialTransition(machine);
    expect(s.value).toBe('consultation');
    [s] = transition(machine, s, EVENTS.REQUEST_BARGAINING);
    [s] = transition(machine, s, EVENTS.REQUEST_BARGAINING);
    expect(s.context.bargainingRequests).toBe(2);
  });

  it('takes no comment once the window has closed', () => {
    let [s] = initialTransition(machine);
    [s] = transition(machine, s, EVENTS.CONSULTATION_WINDOW_CLOSED);
    expect(s.can(EVENTS.COMMENT)).toBe(false);
  });
});
