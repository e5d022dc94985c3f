import { Column, Entity, PrimaryColumn } from 'typeorm';
import { NegotiationKind, Scope } from '../negotiations/negotiation.types';
import { Terms } from '../terms/terms';

export interface OpinionAnswer {
  commentId: string;
  text: string;
  adopted: boolean;
  reason: string;
}

/**
 * A publication (公示): one row per published contract or rule change, whatever the number of
 * workers it covers — inboxes are a query over scopes (fan-out-on-read, DESIGN §4).
 */
@Entity('agreements')
export class Agreement {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'negotiation_id', type: 'varchar', length: 36, unique: true })
  negotiationId!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NegotiationKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'simple-json' })
  scope!: Scope;

  @Column({ type: 'simple-json' })
  terms!: Terms;

  /** Rule changes: the enterprise's answer to every opinion. */
  @Column({ type: 'simple-json', nullable: true })
  opinions!: OpinionAnswer[] | null;

  @Column({ name: 'effective_from', type: 'varchar', length: 10 })
  effectiveFrom!: string;

  @Column({ name: 'expires_on', type: 'varchar', length: 10, nullable: true })
  expiresOn!: string | null;

  @Column({ name: 'published_at', type: 'varchar', length: 30 })
  publishedAt!: string;

  /** The audit chain's head hash at publication: proves this text is the negotiated text. */
  @Column({ name: 'audit_head', type: 'varchar', length: 64 })
  auditHead!: string;
}
