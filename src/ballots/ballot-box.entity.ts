import { Column, Entity, PrimaryColumn } from 'typeorm';

/*
 * The ballot box. Who voted and how are stored apart so that nothing joins them:
 *  - ballot_participation says who has voted: (ballot, worker), no time, no other column;
 *  - ballot_choices says how: three counters per ballot, one row, updated in place — there is
 *    no row per vote, so no key, time or order to match against participation. (Counters in
 *    one row rather than a row per choice: on PostgreSQL a row's xmin names the transaction
 *    that last wrote it, so a row per choice would point at the last voter of each choice.)
 *  - ballot_receipts holds the SHA-256 of each receipt, keyed by nothing but the hash; it
 *    tells a voter their ballot was counted and says nothing of the choice.
 * On SQLite the per-vote tables are WITHOUT ROWID: rows sit in key order (random ids), not in
 * the order they were written.
 */

@Entity('ballot_participation', { withoutRowid: true })
export class BallotParticipation {
  @PrimaryColumn({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 36 })
  workerId!: string;
}

@Entity('ballot_choices')
export class BallotChoices {
  @PrimaryColumn({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @Column({ name: 'in_favour', type: 'int' })
  inFavour!: number;

  @Column({ type: 'int' })
  against!: number;

  @Column({ type: 'int' })
  abstained!: number;
}

@Entity('ballot_receipts', { withoutRowid: true })
export class BallotReceipt {
  @PrimaryColumn({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @PrimaryColumn({ name: 'receipt_sha256', type: 'varchar', length: 64 })
  receiptSha256!: string;
}
