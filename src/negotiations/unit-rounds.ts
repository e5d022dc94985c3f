import { EntityManager } from 'typeorm';
import { insertRow, selectRow, updateRows } from '../database/rows';
import { Side } from './negotiation.types';
import { Round } from './round.entity';

/** What an answer writes on the round it answers. */
export type RoundAnswer = Pick<Round, 'answerType' | 'answerBy' | 'answerAt'> & { note?: string | null };

/**
 * The rounds of one negotiation as one unit of work (an event, or a view) reads and writes them:
 * each read at most once, and what the unit writes kept beside what it read. An OFFER reads
 * the offer it answers and writes its own; the view it answers with needs the latest offer of
 * each side, which are those two rows, so it reads neither again (two reads of every OFFER).
 * Every write to the rounds in a unit goes through here, so what it holds is what the table holds.
 */
export class UnitRounds {
  private read?: Promise<Round[]>;
  private latestRead?: Promise<Round | null>;
  /** The latest round of each side, where this unit has read or written it. */
  private readonly ofSide = new Map<Side, Round | null>();

  /**
   * `latestNumber`: the number of the latest round, where the negotiation's context keeps it (a
   * collective contract's `round`, the offers made): then the latest is read by its key, about
   * a tenth of the time SQLite takes to find the last of a negotiation's rounds in its index.
   */
  constructor(
    private readonly m: EntityManager,
    private readonly negotiationId: string,
    private readonly latestNumber?: number,
  ) {}

  /** Every round, oldest first, read once when first asked: offers added after that are not among them. */
  all(): Promise<Round[]> {
    return (this.read ??= this.m.find(Round, { where: { negotiationId: this.negotiationId }, order: { round: 'ASC' } }));
  }

  /** The latest round (one row, however long the bargaining), read once when first asked: an offer added after that is not it. */
  latest(): Promise<Round | null> {
    this.latestRead ??= (this.read ? this.read.then((all) => all.at(-1) ?? null) : this.readLatest()).then((round) => {
      if (round && !this.ofSide.has(round.proposer)) this.ofSide.set(round.proposer, round);
      return round;
    });
    return this.latestRead;
  }

  private async readLatest(): Promise<Round | null> {
    const byNumber = typeof this.latestNumber === 'number' ? await selectRow(this.m, Round, 'negotiation_id = ? AND round = ?', [this.negotiationId, this.latestNumber]) : null;
    return byNumber ?? selectRow(this.m, Round, 'negotiation_id = ?', [this.negotiationId], { orderBy: 'round DESC' });
  }

  /** The latest offer of one side now, this unit's writes included. */
  async latestOf(side: Side): Promise<Round | null> {
    if (!this.ofSide.has(side)) {
      const round = await selectRow(this.m, Round, 'negotiation_id = ? AND proposer = ?', [this.negotiationId, side], { orderBy: 'round DESC' });
      if (!this.ofSide.has(side)) this.ofSide.set(side, round);
    }
    return this.ofSide.get(side)!;
  }

  /** Writes a new offer: the latest of its side from now on. */
  async add(round: Round): Promise<void> {
    await insertRow(this.m, Round, round);
    this.ofSide.set(round.proposer, round);
  }

  /** Writes the answer to a round read through this unit (the latest), on the row and on what is held. */
  async answer(round: Round, answer: RoundAnswer): Promise<void> {
    await updateRows(this.m, Round, answer, 'negotiation_id = ? AND round = ?', [this.negotiationId, round.round]);
    Object.assign(round, answer);
  }
}
