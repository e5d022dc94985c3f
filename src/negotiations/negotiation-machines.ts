import { AnyEventObject, AnyMachineSnapshot, initialTransition, transition } from 'xstate';
import { collectiveContractMachine } from './collective-contract.machine';
import { ruleChangeMachine } from './rule-change.machine';
import { EventType } from './dto/events.dto';
import { EVENTS_BY_KIND, ROUTE_ONLY_EVENTS, Relation, mayCallerSend } from './negotiation-permissions';
import { NegotiationKind } from './negotiation.types';

/**
 * The two machines behind one interface for the service: restore a persisted snapshot, ask
 * what it allows, and compute the next snapshot with the pure `transition()` (no effects run
 * inside the machine; the service commits, then acts).
 */
const MACHINES = { collective_contract: collectiveContractMachine, rule_change: ruleChangeMachine } as const;

export interface Persisted {
  kind: NegotiationKind;
  state: string;
  context: Record<string, unknown>;
}

export function initial(kind: NegotiationKind): { state: string; context: Record<string, unknown> } {
  const [snapshot] = initialTransition(MACHINES[kind] as never, undefined as never) as unknown as [AnyMachineSnapshot];
  return { state: String(snapshot.value), context: snapshot.context as Record<string, unknown> };
}

export function restore(p: Persisted): AnyMachineSnapshot {
  return MACHINES[p.kind].resolveState({ value: p.state, context: p.context } as never) as AnyMachineSnapshot;
}

export function next(p: Persisted, event: AnyEventObject): { state: string; context: Record<string, unknown> } {
  const [snapshot] = transition(MACHINES[p.kind] as never, restore(p) as never, event as never) as unknown as [AnyMachineSnapshot];
  return { state: String(snapshot.value), context: snapshot.context as Record<string, unknown> };
}

/**
 * The event as the machine sees it: the payload plus who sends it (`side`) and when (`at`,
 * `on`). Payload fields the machine doesn't read are harmless.
 */
export function machineEvent(type: string, payload: object, relation: Relation | null, at: Date, zoneDate: string): AnyEventObject {
  const side = relation && (relation.party === 'union' || relation.party === 'enterprise') ? relation.party : undefined;
  return { ...payload, type, side, at: at.toISOString(), on: zoneDate };
}

/** A representative payload for asking "could this caller send TYPE now?". */
const PROBES: Partial<Record<EventType, object>> = {
  RESPOND: { accept: true },
  COORDINATE: { outcome: 'resume' },
  REVIEW: { decision: 'approve' },
  RECORD_VOTE: { eligible: 1, present: 1, inFavour: 1, against: 0, abstained: 0 },
  // ballots: whether everyone has voted comes from the ballot box (facts)
  CLOSE_BALLOT: {},
  SUSPEND: { resumeOn: '9999-12-31' },
  EXTEND: { days: 1 },
};

/**
 * What this caller may send to POST /events now: allowed by role (permissions) and by the
 * procedure (machine), given the facts its guards read from other modules' rows (a ballot's
 * turnout). Route-only events (an order sample, the current rules) are left out.
 */
export function allowedEvents(p: Persisted, relation: Relation, at: Date, zoneDate: string, facts: object = {}): EventType[] {
  const snapshot = restore(p);
  return EVENTS_BY_KIND[p.kind].filter(
    (type) =>
      !ROUTE_ONLY_EVENTS.has(type) &&
      mayCallerSend(type, relation, p.kind) &&
      snapshot.can(machineEvent(type, { ...PROBES[type], ...facts }, relation, at, zoneDate)),
  );
}

/** Whether the procedure has ended in `state` (withdrawn, terminated, expired, …). */
export function isFinal(kind: NegotiationKind, state: string): boolean {
  return (MACHINES[kind].config.states as Record<string, { type?: string }>)[state]?.type === 'final';
}

/** Whether the procedure allows the event now for anyone (409 vs 403 for the caller). */
export function procedureAllows(p: Persisted, event: AnyEventObject): boolean {
  return restore(p).can(event);
}
