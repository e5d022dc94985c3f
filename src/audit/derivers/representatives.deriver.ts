import { EntityManager } from 'typeorm';
import { ChainLink } from '../audit-chain';
import { Representative } from '../../negotiations/representative.entity';
import { Side } from '../../negotiations/negotiation.types';
import type { Replay } from '../replay';
import { DerivedRow, Deriver } from './deriver';

/** Who holds a seat, in the order the seats were taken. */
export type SeatMap = Map<string, { side: Side; chief: boolean }>;

type SeatList = { chief: string; members: string[]; experts?: string[] };

function take(seats: SeatMap, side: Side, list: SeatList): void {
  for (const userId of [list.chief, ...list.members, ...(list.experts ?? [])]) seats.set(userId, { side, chief: userId === list.chief });
}

/**
 * How each event changes the seats (集体合同规定 art. 19–24), as the write path does. An event
 * that seats, unseats or replaces someone adds its entry here; the replay uses the result to
 * know which side each actor acted for.
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
};

export const representativesDeriver: Deriver = {
  table: 'representatives',
  derive: (replay: Replay): DerivedRow[] =>
    [...replay.seats].map(([userId, seat]) => ({ key: userId, fields: { side: seat.side, chief: seat.chief } })),
  async stored(manager: EntityManager, negotiationId: string): Promise<DerivedRow[]> {
    const rows = await manager.find(Representative, { where: { negotiationId } });
    return rows.map((r) => ({ key: r.userId, fields: { side: r.side, chief: Boolean(r.chief) } }));
  },
};
