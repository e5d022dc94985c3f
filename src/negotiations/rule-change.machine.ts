import { assign, setup } from 'xstate';

/**
 * Rule-change consultation (劳动合同法 art. 4; 人社部发〔2021〕56号; DESIGN §1b): before a
 * platform changes rules touching workers' vital interests it hears the union and the workers,
 * answers every opinion, publishes the result and tells the workers. The comment window closes
 * by itself (sweeper event CONSULTATION_WINDOW_CLOSED) or early on CLOSE_CONSULTATION.
 */
export interface RuleChangeContext {
  /** Collective negotiations the union opened from this consultation. */
  bargainingRequests: number;
  /** Clocks that ran out without changing the state. */
  lapsedDeadlines: string[];
}

export type RuleChangeEvent =
  | { type: 'COMMENT' }
  | { type: 'CLOSE_CONSULTATION' }
  | { type: 'CONSULTATION_WINDOW_CLOSED' }
  /** `bargainingOpen`: a negotiation an earlier request opened is still going or made a contract (NegotiationEvents.facts). */
  | { type: 'REQUEST_BARGAINING'; reason: string; bargainingOpen?: boolean }
  | { type: 'RESPOND_TO_OPINIONS' }
  | { type: 'PUBLISH' }
  | { type: 'WITHDRAW'; reason: string }
  | { type: 'DEADLINE_PASSED'; deadline: string };

/** A clock that only warns (the yearly round) goes on the record; the state stays. */
const recordsLapses = { DEADLINE_PASSED: { actions: 'recordLapse' } } as const;

export const ruleChangeMachine = setup({
  types: {
    context: {} as RuleChangeContext,
    events: {} as RuleChangeEvent,
  },
  guards: {
    // one bargaining table over a rule change at a time: a retried request opened a second one,
    // with a second response clock for the enterprise; after one ended without a contract, again
    hasNoBargainingOpen: ({ event }) => event.type === 'REQUEST_BARGAINING' && !event.bargainingOpen,
  },
  actions: {
    recordLapse: assign({
      lapsedDeadlines: ({ context, event }) =>
        event.type === 'DEADLINE_PASSED' ? [...context.lapsedDeadlines, event.deadline] : context.lapsedDeadlines,
    }),
    countBargainingRequest: assign({ bargainingRequests: ({ context }) => context.bargainingRequests + 1 }),
  },
}).createMachine({
  id: 'rule_change',
  context: { bargainingRequests: 0, lapsedDeadlines: [] },
  initial: 'consultation',
  states: {
    consultation: {
      on: {
        ...recordsLapses,
        COMMENT: { target: 'consultation' },
        REQUEST_BARGAINING: { guard: 'hasNoBargainingOpen', target: 'consultation', actions: 'countBargainingRequest' },
        CLOSE_CONSULTATION: { target: 'awaiting_response' },
        CONSULTATION_WINDOW_CLOSED: { target: 'awaiting_response' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    awaiting_response: {
      on: {
        ...recordsLapses,
        RESPOND_TO_OPINIONS: { target: 'responded' },
        WITHDRAW: { target: 'withdrawn' },
      },
    },
    responded: { on: { ...recordsLapses, PUBLISH: { target: 'published' } } },
    // not final: the yearly-round reminder still lands on its record
    published: { on: { ...recordsLapses } },
    withdrawn: { type: 'final' },
  },
});

export type RuleChangeState = keyof typeof ruleChangeMachine.config.states;
