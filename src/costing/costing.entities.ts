import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Terms } from '../terms/terms';
import { SampleKind } from './sample-reader';

/**
 * A sample of the platform's own data, handed over for a negotiation (the enterprise "provides
 * the information needed", 001 §12). The rows are not kept: only the rider-days they fold into,
 * packed (costing_sample_packs, sample-pack.ts), and the SHA-256 of the exact file, which is on
 * the negotiation's chain.
 */
@Entity('order_samples')
export class OrderSample {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: SampleKind;

  @Column({ type: 'integer' })
  rows!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  @Column({ name: 'rider_days', type: 'integer' })
  riderDays!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'uploaded_by', type: 'varchar', length: 36 })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'varchar', length: 30 })
  uploadedAt!: string;
}

/** The rules riders are paid by today, as the enterprise declares them: the baseline of every costing. */
@Entity('current_terms')
export class CurrentTerms {
  @PrimaryColumn({ name: 'negotiation_id', type: 'varchar', length: 36 })
  negotiationId!: string;

  @Column({ type: 'simple-json' })
  terms!: Terms;

  @Column({ name: 'declared_by', type: 'varchar', length: 36 })
  declaredBy!: string;

  @Column({ name: 'declared_at', type: 'varchar', length: 30 })
  declaredAt!: string;
}
