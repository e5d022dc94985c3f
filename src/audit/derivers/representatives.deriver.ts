import { EntityManager } from 'typeorm';
import { ChainLink } from '../audit-chain';
import { Representative } from '../../negotiations/representative.entity';
import { Side } from '../../negotiations/negotiation.types';
import type { Replay } from '../replay';
import { DerivedRow, Deriver } from './deriver';

/** A seat as the table holds it: whose side, whether the chief's or an expert's, since when empty. */
export interface Seat {
  side: Side;
  chief: boolean;
  expert: boolean;
  vacatedAt: string | null;
}

/** Who holds a seat, in the order the seats were taken. */
export type SeatMap = Map<string, Seat>;

type SeatList = { chief: string; members: string[]; experts?: string[] };

function take(seats: SeatMap, side: Side, list: SeatList): void {
  const experts = new Set(list.experts ?? []);
  for (const userId of [list.chief, ...list.members, ...(list.experts ?? [])])
    seats.set(userId, { side, chief: userId === list.chief, expert: experts.has(userId), vacatedAt: null });
}

/**
 * How each event changes the seats (集体合同规定 art. 19–24, 31), as the write path does
 * (seat-checks.ts, seat-events.ts). An event that seats, unseats or replaces someone adds its
 * entry here; the replay uses the result to know which side each actor acted for.
 */
export const SEAT_CHANGES: Record<string, (seats: SeatMap, payload: Record<string, any>, link: ChainLink) => void> = {
  OPENED: (seats, p) => {
    take(seats, p.representatives.side, p.representatives);
    // a rule change seats the union's chief for the consultation (negotiation-opening.ts)
    if (p.unionChief) take(seats, 'union', { chief: p.unionChief, members: [] });
  },
  RESPOND: (seats, p) => {
    if (p.accept) take(seats, 'enterprise', p.representatives);
  },
  // the seat stays, empty, from the moment of the event
  VACATE_SEAT: (seats, p, link) => {
    const seat = seats.get(p.userId);
    if (seat) seats.set(p.userId, { ...seat, vacatedAt: link.at });
  },
  // the newcomer takes the seat as it was (chief's, expert's); a returning person's old row goes
  REPLACE_SEAT: (seats, p) => {
    const seat = seats.get(p.out);
    if (!seat) return;
    seats.delete(p.in);
    seats.delete(p.out);
    seats.set(p.in, { ...seat, vacatedAt: null });
  },
};

export const representativesDeriver: Deriver = {
  table: 'representatives',
  derive: (replay: Replay): DerivedRow[] => [...replay.seats].map(([userId, seat]) => ({ key: userId, fields: { ...seat } })),
  async stored(manager: EntityManager, negotiationId: string): Promise<DerivedRow[]> {
    const rows = await manager.find(Representative, { where: { negotiationId } });
    return rows.map((r) => ({ key: r.userId, fields: { side: r.side, chief: Boolean(r.chief), expert: Boolean(r.expert), vacatedAt: r.vacatedAt } }));
  },
};
