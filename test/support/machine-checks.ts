import { AnyEventObject, AnyMachineSnapshot } from 'xstate';
import type { AdjacencyMap } from 'xstate/graph';
import { eventTypesHandled } from '../../src/negotiations/negotiation-machines';
import { NegotiationKind } from '../../src/negotiations/negotiation.types';

/**
 * Over a machine's adjacency map (xstate/graph): how many events some reachable state can take,
 * and which of those `eventTypesHandled` leaves out — allowedEvents would then never offer them.
 */
export function eventsTakenOutsideHandled<S extends AnyMachineSnapshot, E extends AnyEventObject>(
  kind: NegotiationKind,
  adjacency: AdjacencyMap<S, E>,
): { taken: number; outside: string[] } {
  let taken = 0;
  const outside: string[] = [];
  for (const { state, transitions } of Object.values(adjacency))
    for (const { event } of Object.values(transitions) as Array<{ event: E }>)
      if (state.can(event)) {
        taken++;
        if (!eventTypesHandled(kind, String(state.value))?.has(event.type)) outside.push(`${String(state.value)}: ${event.type}`);
      }
  return { taken, outside };
}
