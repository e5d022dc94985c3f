import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { KeyObject, createPublicKey, randomUUID } from 'node:crypto';
import { Subject, Subscription } from 'rxjs';
import { DataSource, MoreThan } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { PublicationBus } from '../agreements/publication-bus';
import { BackgroundPass } from '../common/background-pass';
import { Clock } from '../common/clock';
import { notFound } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Negotiation } from '../negotiations/negotiation.entity';
import { CheckpointDelivery } from './checkpoint-delivery.entity';
import { loadSigningKey } from './checkpoint-key';
import { InclusionProof, Leaf, SignedCheckpoint, describeKey, proofFor, rootOfLeaves, signCheckpoint, sortLeaves } from './checkpoint-tree';
import { Checkpoint } from './checkpoint.entity';

/** How many checkpoints one page of GET /api/audit/checkpoints lists. */
export const CHECKPOINT_PAGE = 100;

export const signedPart = (c: Checkpoint): SignedCheckpoint => ({ seq: c.seq, at: c.at, root: c.root, heads: c.heads, signature: c.signature });

/**
 * Signed checkpoints (API.md "Evidence that outlives the database"): every CHECKPOINT_INTERVAL
 * and after every publication commits (PublicationBus), the Merkle root over every
 * negotiation's chain head, signed with Ed25519, stored, and queued for each bureau's webhook.
 * A checkpoint whose root equals the latest one is not made: nothing changed since. With
 * several instances, the interval pass skips when another made one less than an interval ago.
 */
@Injectable()
export class Checkpoints implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly interval = new BackgroundPass(() => this.onInterval(), this.logger);
  private readonly afterPublication = new BackgroundPass(() => this.make('publication'), this.logger);
  private subscription?: Subscription;
  private key?: Promise<KeyObject>;
  /** Every checkpoint this instance made, once committed. */
  readonly made = new Subject<Checkpoint>();
  /** Told when a checkpoint is queued for delivery (the dispatcher). */
  onQueued: () => void = () => undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly bus: PublicationBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.signingKey(); // a bad CHECKPOINT_KEY stops the start, not the first checkpoint
    this.subscription = this.bus.publications.subscribe(() => this.afterPublication.kick());
    if (this.config.CHECKPOINT_INTERVAL > 0) this.interval.every(this.config.CHECKPOINT_INTERVAL);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    await Promise.all([this.interval.stop(), this.afterPublication.stop()]);
  }

  signingKey(): Promise<KeyObject> {
    this.key ??= loadSigningKey(this.config.CHECKPOINT_KEY, this.dataSource);
    return this.key;
  }

  async publicKey() {
    return describeKey(createPublicKey(await this.signingKey()));
  }

  /** The interval's checkpoint, unless one (by any instance) is younger than the interval. */
  async onInterval(): Promise<Checkpoint | null> {
    const latest = await this.latest();
    if (latest && this.clock.now().getTime() - Date.parse(latest.at) < this.config.CHECKPOINT_INTERVAL) return null;
    return this.make('interval');
  }

  /** Signs and stores a checkpoint of every chain head now; null when the heads are those of the latest. */
  async make(reason: 'interval' | 'publication'): Promise<Checkpoint | null> {
    const key = await this.signingKey();
    for (let attempt = 1; ; attempt++) {
      try {
        const made = await this.tx.run(async (m) => {
          const heads = await m.createQueryBuilder(Negotiation, 'n').select(['n.id', 'n.auditSeq', 'n.auditHead']).getMany();
          const leaves = sortLeaves(heads.map((n): Leaf => [n.id, n.auditSeq, n.auditHead]));
          const root = rootOfLeaves(leaves);
          const latest = await m.findOne(Checkpoint, { where: {}, order: { seq: 'DESC' } });
          if (latest && latest.root === root) return null;
          const at = this.clock.now().toISOString();
          const unsigned = { seq: (latest?.seq ?? 0) + 1, at, root, heads: leaves.length };
          const checkpoint: Checkpoint = { ...unsigned, leaves, signature: signCheckpoint(unsigned, key), reason };
          await m.createQueryBuilder().insert().into(Checkpoint).values(checkpoint as never).execute();
          const bureaus = await m
            .createQueryBuilder(Organization, 'o')
            .select('o.id', 'id')
            .where("o.kind = 'bureau' AND o.webhook_url IS NOT NULL AND o.webhook_secret IS NOT NULL")
            .getRawMany<{ id: string }>();
          if (bureaus.length)
            await m
              .createQueryBuilder()
              .insert()
              .into(CheckpointDelivery)
              .values(
                bureaus.map((b) => ({
                  id: randomUUID(),
                  checkpointSeq: checkpoint.seq,
                  organizationId: b.id,
                  status: 'pending' as const,
                  nextAttemptAt: at,
                  attempts: [],
                  createdAt: at,
                })),
              )
              .execute();
          return { checkpoint, queued: bureaus.length > 0 };
        });
        if (!made) return null;
        this.made.next(made.checkpoint);
        if (made.queued) this.onQueued();
        return made.checkpoint;
      } catch (error) {
        // two instances took the same seq (PostgreSQL): the loser looks again
        if (attempt >= 3) throw error;
      }
    }
  }

  latest(): Promise<Checkpoint | null> {
    return this.dataSource.getRepository(Checkpoint).findOne({ where: {}, order: { seq: 'DESC' } });
  }

  async list(after = 0): Promise<SignedCheckpoint[]> {
    const rows = await this.dataSource
      .getRepository(Checkpoint)
      .find({ where: { seq: MoreThan(after) }, order: { seq: 'ASC' }, take: CHECKPOINT_PAGE, select: { seq: true, at: true, root: true, heads: true, signature: true } });
    return rows.map(signedPart);
  }

  async find(seq: number): Promise<Checkpoint> {
    const checkpoint = await this.dataSource.getRepository(Checkpoint).findOne({ where: { seq } });
    if (!checkpoint) throw notFound('checkpoint');
    return checkpoint;
  }

  /** The inclusion proof of a negotiation's chain head in a checkpoint (RFC 6962 audit path). */
  async proof(seq: number, negotiationId: string): Promise<InclusionProof> {
    const checkpoint = await this.find(seq);
    const index = checkpoint.leaves.findIndex(([id]) => id === negotiationId);
    if (index < 0) throw notFound('negotiation');
    return proofFor(signedPart(checkpoint), checkpoint.leaves, index);
  }
}
