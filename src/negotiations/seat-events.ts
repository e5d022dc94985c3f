import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { AuthUser } from '../accounts/auth-user';
import { forbidden, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { periodEnd } from '../deadlines/due-at';
import { RulePacks } from '../deadlines/rule-pack';
import { NameRecorderEventDto, ReplaceSeatEventDto, VacateSeatEventDto } from './dto/events.dto';
import { Relation } from './negotiation-permissions';
import { Negotiation } from './negotiation.entity';
import { Side } from './negotiation.types';
import { Representative } from './representative.entity';
import { SeatChecks } from './seat-checks';

/** What the machine needs to hear of a seat change (its side, whether it fills a vacancy). */
export interface SeatChange {
  side: Side;
  fillsVacancy?: boolean;
}

/**
 * The table's own events (集体合同规定 art. 31, 33): who may change which seat (403), whether
 * the newcomer may sit (422), and the writes. The machine decides whether now (409).
 */
@Injectable()
export class SeatEvents {
  constructor(
    private readonly seats: SeatChecks,
    private readonly deadlines: DeadlinesService,
    private readonly packs: RulePacks,
    private readonly config: AppConfig,
  ) {}

  /** art. 31 replacement: that side's chief; the chief's own seat also the bureau (a chief who left cannot hand it on). */
  async checkReplace(m: EntityManager, n: Negotiation, relation: Relation, dto: Omit<ReplaceSeatEventDto, 'type'>): Promise<SeatChange> {
    const seat = await this.seatOf(m, n, dto.out);
    const ownSide = relation.party === seat.side && relation.chief;
    if (!(ownSide || (relation.party === 'bureau' && seat.chief)))
      throw forbidden('SEAT.NOT_YOURS_TO_REPLACE', seat.chief ? "the chief's seat is replaced by the chief or the bureau" : `a ${seat.side} seat is replaced by the ${seat.side} chief`);
    await this.seats.checkNewcomer(m, n, seat, dto.in);
    return { side: seat.side, fillsVacancy: seat.vacatedAt !== null };
  }

  async applyReplace(m: EntityManager, n: Negotiation, dto: Omit<ReplaceSeatEventDto, 'type'>, change: SeatChange): Promise<void> {
    const seat = await this.seatOf(m, n, dto.out);
    // someone who once left and now returns had a vacated row of their own
    await m.delete(Representative, { negotiationId: n.id, userId: dto.in });
    await m.delete(Representative, { negotiationId: n.id, userId: dto.out });
    await m.insert(Representative, { negotiationId: n.id, userId: dto.in, side: seat.side, chief: seat.chief, expert: seat.expert, vacatedAt: null });
    if (change.fillsVacancy) await this.deadlines.clearOne(m, n.id, 'seatVacancy');
  }

  /** art. 31 vacancy: the person leaving, or their side's chief. */
  async checkVacate(m: EntityManager, n: Negotiation, user: AuthUser, relation: Relation, dto: Omit<VacateSeatEventDto, 'type'>): Promise<SeatChange> {
    const seat = await this.seatOf(m, n, dto.userId);
    if (seat.vacatedAt !== null) throw unprocessable('SEAT.ALREADY_VACANT', `${dto.userId}'s seat is already vacant`);
    if (!(dto.userId === user.id || (relation.party === seat.side && relation.chief)))
      throw forbidden('SEAT.NOT_YOURS_TO_VACATE', 'a seat is given up by the person holding it or by their side’s chief');
    return { side: seat.side };
  }

  /** The seat stays, empty, and the 15 days of art. 31 start (they outlive changes of state). */
  async applyVacate(m: EntityManager, n: Negotiation, dto: Omit<VacateSeatEventDto, 'type'>, at: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(Representative)
      .set({ vacatedAt: at.toISOString() })
      .where('negotiation_id = :id AND user_id = :userId', { id: n.id, userId: dto.userId })
      .execute();
    const due = periodEnd(at, this.packs.forRegion(n.region).seatVacancy, this.config.TZ_NAME);
    await this.deadlines.start(m, n.id, [{ kind: 'seatVacancy', ...due }]);
  }

  /** art. 33: the recorder is not a representative of either side. */
  async checkRecorder(m: EntityManager, n: Negotiation, dto: Omit<NameRecorderEventDto, 'type'>): Promise<void> {
    const person = await m.findOneBy(User, { id: dto.userId });
    if (!person || person.role === 'admin') throw unprocessable('RECORDER.INVALID', `no person ${dto.userId} who could keep the record`);
    if (await m.existsBy(Representative, { negotiationId: n.id, userId: dto.userId, vacatedAt: IsNull() }))
      throw unprocessable('RECORDER.IS_REPRESENTATIVE', `${person.username} represents a side: the recorder must be neither side's representative (art. 33)`);
  }

  private async seatOf(m: EntityManager, n: Negotiation, userId: string): Promise<Representative> {
    const seat = await m.findOneBy(Representative, { negotiationId: n.id, userId });
    if (!seat) throw unprocessable('SEAT.NOT_AT_TABLE', `${userId} holds no seat in this negotiation`);
    return seat;
  }
}
