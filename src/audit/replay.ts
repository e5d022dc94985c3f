import { ChainLink } from './audit-chain';
import { dateIn } from '../deadlines/due-at';
import { initial, machineEvent, next, procedureAllows } from '../negotiations/negotiation-machines';
import { NegotiationKind, Side } from '../negotiations/negotiation.types';
import { SEAT_CHANGES, SeatMap } from './derivers/representatives.deriver';

/** One chain entry as the replay read it: its payload, the side its actor acted for, and the machine after it. */
export interface ReplayedEntry {
  link: ChainLink;
  payload: Record<string, any>;
  /** The actor's seat when the event was sent; unseated negotiators act for their role's side. */
  side: Side | undefined;
  state: string;
  context: Record<string, unknown>;
}

/**
 * A negotiation's chain replayed: every entry fed to the same machine the service runs, and the
 * seats folded as they changed. Derivers (./derivers.ts) read this to say what each table must
 * hold. `problem` names the first entry the machine would not take, or whose recorded `to`
 * disagrees with where the machine goes.
 */
export interface Replay {
  negotiationId: string;
  kind: NegotiationKind;
  zone: string;
  entries: ReplayedEntry[];
  seats: SeatMap;
  problem?: { seq: number; reason: string };
}

const ROLE_SIDE: Record<string, Side> = { union_negotiator: 'union', enterprise_rep: 'enterprise' };

export function replayChain(negotiationId: string, links: ChainLink[], zone: string): Replay {
  const opened = links[0] ? (JSON.parse(links[0].payload) as Record<string, any>) : {};
  const kind = opened.kind as NegotiationKind;
  const replay: Replay = { negotiationId, kind, zone, entries: [], seats: new Map() };
  if (!links.length || links[0].type !== 'OPENED') {
    replay.problem = { seq: links[0]?.seq ?? 1, reason: 'the chain does not begin with OPENED' };
    return replay;
  }
  let snapshot = initial(kind);
  for (const link of links) {
    const payload = JSON.parse(link.payload) as Record<string, any>;
    const seat = replay.seats.get(link.actorId);
    const side = seat?.side ?? ROLE_SIDE[link.role];
    // an entry without `to` moved no machine: the ledger's (commitments, complaints, surveys), appended by AuditService.extend
    if (link.type !== 'OPENED' && payload.to !== undefined) {
      const relation = side ? { party: side, chief: true, representative: Boolean(seat) } : null;
      // a deadline's event happens the moment its period ends (NegotiationsService.fireDeadline)
      const on =
        link.actorId === 'system' && typeof payload.dueAt === 'string'
          ? dateIn(new Date(Date.parse(payload.dueAt) + 1), zone)
          : dateIn(new Date(link.at), zone);
      // the side the write path told the machine (a seat change: the seat's side, whoever sent
      // it, the bureau included) is on the entry, and wins over the actor's, as it did there
      const event = { ...machineEvent(link.type, payload, relation, new Date(link.at), on), ...(payload.side !== undefined ? { side: payload.side } : {}) };
      const persisted = { kind, ...snapshot };
      if (!procedureAllows(persisted, event)) {
        replay.problem = { seq: link.seq, reason: `the machine does not allow ${link.type} in state ${snapshot.state}` };
        return replay;
      }
      snapshot = next(persisted, event);
    }
    if (payload.to !== undefined && payload.to !== snapshot.state) {
      replay.problem = { seq: link.seq, reason: `entry ${link.seq} records state ${payload.to}; the machine reaches ${snapshot.state}` };
      return replay;
    }
    SEAT_CHANGES[link.type]?.(replay.seats, payload, link);
    replay.entries.push({ link, payload, side, state: snapshot.state, context: snapshot.context });
  }
  return replay;
}
