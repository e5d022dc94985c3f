import { AnyActorScope, AnyEventObject, AnyMachineSnapshot, AnyStateMachine, createActor, initialTransition } from 'xstate';
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

/**
 * The snapshots restored or computed last, by their context: the persisted context is the
 * object the last `next` returned (or the row's, once parsed), and nothing changes a context in
 * place. One OFFER asks the machine three times (may the procedure take it, the next state, what
 * may be sent after it); restoring the snapshot each time was a third of the machine's time.
 */
const restored = new WeakMap<object, AnyMachineSnapshot>();

export function restore(p: Persisted): AnyMachineSnapshot {
  const known = restored.get(p.context);
  if (known && known.value === p.state && known.machine === MACHINES[p.kind]) return known;
  const snapshot = MACHINES[p.kind].resolveState({ value: p.state, context: p.context } as never) as AnyMachineSnapshot;
  restored.set(p.context, snapshot);
  return snapshot;
}

/**
 * What xstate's pure `transition()` builds at every call, built once per machine: an actor
 * scope that runs nothing (no effects run inside the machine) around an actor never started.
 * Building it (an actor, its system, its mailbox) was 30 µs of every event.
 */
const inertScopes = new Map<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = inertScopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const noop = () => undefined;
    scope = { self, defer: noop, id: '', logger: noop, sessionId: '', stopChild: noop, system: self.system, emit: noop, actionExecutor: noop } as AnyActorScope;
    inertScopes.set(machine, scope);
  }
  return scope;
}

export function next(p: Persisted, event: AnyEventObject): { state: string; context: Record<string, unknown> } {
  const machine = MACHINES[p.kind] as AnyStateMachine;
  const snapshot = machine.transition(restore(p), event, inertScope(machine)) as AnyMachineSnapshot;
  const state = String(snapshot.value);
  restored.set(snapshot.context as object, snapshot);
  return { state, context: snapshot.context as Record<string, unknown> };
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
  const sent = machineEvent('', facts, relation, at, zoneDate);
  const handled = eventTypesHandled(p.kind, p.state);
  return EVENTS_BY_KIND[p.kind].filter(
    (type) =>
      !ROUTE_ONLY_EVENTS.has(type) &&
      mayCallerSend(type, relation, p.kind) &&
      (!handled || handled.has(type)) &&
      snapshot.can({ ...PROBES[type], ...sent, type }),
  );
}

const handledByState = new Map<AnyStateMachine, Map<string, Set<string> | null>>();

/**
 * The event types some transition of the state, or of a state it is in, is for: `can` is
 * asked only of those. An OFFER's view asked it of every event its sender may send in some
 * state (a chief: 15), most of which the state has no transition for, and that was most of
 * `allowedEvents`. Null where a wildcard transition could take any type, or for a state the
 * machine does not have: then every type is asked.
 */
export function eventTypesHandled(kind: NegotiationKind, state: string): Set<string> | null {
  const machine = MACHINES[kind] as AnyStateMachine;
  let byState = handledByState.get(machine);
  if (!byState) handledByState.set(machine, (byState = new Map()));
  if (byState.has(state)) return byState.get(state)!;
  const leaf = Object.hasOwn(machine.root.states, state) ? machine.root.states[state] : undefined;
  const found = new Set<string>();
  for (let node = leaf; node; node = node.parent) for (const type of node.ownEvents) found.add(type);
  const types = leaf && ![...found].some((type) => type.includes('*')) ? found : null;
  byState.set(state, types);
  return types;
}

/** Whether the procedure has ended in `state` (withdrawn, terminated, expired, …). */
export function isFinal(kind: NegotiationKind, state: string): boolean {
  return (MACHINES[kind].config.states as Record<string, { type?: string }>)[state]?.type === 'final';
}

/** Whether the procedure allows the event now for anyone (409 vs 403 for the caller). */
export function procedureAllows(p: Persisted, event: AnyEventObject): boolean {
  return restore(p).can(event);
}
