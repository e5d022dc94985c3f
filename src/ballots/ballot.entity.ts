import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { Scope } from '../negotiations/negotiation.types';
import { BallotBody } from './ballot-rules';

/**
 * One ballot on a draft in consultation (集体合同规定 art. 36). The roll is fixed when it opens:
 * for `all_workers` as a count and a rule (every worker `scope` covered and who was registered
 * by `openedAt`), never as a row per worker; for `delegates` as the rows of ballot_delegates.
 */
@Entity('ballots')
@Index(['negotiationId'])
@Index(['industry', 'openedAt'])
export class Ballot {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ type: 'varchar', length: 16 })
  body!: BallotBody;

  /** The scope's industry and region, for finding the ballots that may cover a worker. */
  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ type: 'varchar', length: 6 })
  region!: string;

  /** The negotiation's scope when the ballot opened: the roll's rule. */
  @Column({ type: 'simple-json' })
  scope!: Scope;

  /** The size of the roll, fixed at opening. */
  @Column({ type: 'int' })
  eligible!: number;

  /** Ballots cast so far: turnout, never how anyone voted. */
  @Column({ name: 'cast_count', type: 'int' })
  cast!: number;

  /** The last day of voting (YYYY-MM-DD); voting ends with it (`closesAt`, the ballotClose deadline). */
  @Column({ name: 'closes_on', type: 'varchar', length: 10 })
  closesOn!: string;

  @Column({ name: 'closes_at', type: 'varchar', length: 30 })
  closesAt!: string;

  @Column({ name: 'opened_at', type: 'varchar', length: 30 })
  openedAt!: string;

  @Column({ name: 'closed_at', type: 'varchar', length: 30, nullable: true })
  closedAt!: string | null;

  /** Set at the close: SHA-256 of the sorted receipt hashes (ballot-rules.ts receiptsDigest). */
  @Column({ name: 'receipts_sha256', type: 'varchar', length: 64, nullable: true })
  receiptsSha256!: string | null;
}

/** A delegate on the roll of a `delegates` ballot (named at opening, by user id). */
@Entity('ballot_delegates')
export class BallotDelegate {
  @PrimaryColumn({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 36 })
  workerId!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId!: string;
}
