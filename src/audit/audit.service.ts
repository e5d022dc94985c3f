import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';
import { Negotiation } from '../negotiations/negotiation.entity';
import { ChainLink, Verification, canonicalJson, hashLink, verifyChain } from './audit-chain';
import { AppConfig } from '../config/app-config';
import { RecordVerification, verifyRecord } from './derivers';

export interface AuditAppend {
  negotiationId: string;
  type: string;
  actorId: string;
  role: string;
  at: string;
  payload: unknown;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The next link after `previous`, computed in memory so its hash can be committed with the row it describes. */
  link(previous: { seq: number; head: string }, entry: AuditAppend): ChainLink {
    const link = {
      negotiationId: entry.negotiationId,
      seq: previous.seq + 1,
      type: entry.type,
      actorId: entry.actorId,
      role: entry.role,
      at: entry.at,
      payload: canonicalJson(entry.payload ?? {}),
      prevHash: previous.head,
    };
    return { ...link, hash: hashLink(link) };
  }

  /** Appends a link in the caller's transaction; the (negotiation, seq) key makes a forked chain impossible. */
  async append(manager: EntityManager, link: ChainLink): Promise<void> {
    await manager.createQueryBuilder().insert().into(AuditEntry).values(link).execute();
  }

  list(negotiationId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { negotiationId }, order: { seq: 'ASC' } });
  }

  /** Verifies the chain against itself and against the head the negotiation row recorded. */
  async verify(negotiationId: string, links?: ChainLink[]): Promise<Verification> {
    const recorded = await this.dataSource.getRepository(Negotiation).findOneByOrFail({ id: negotiationId });
    return verifyChain(links ?? (await this.list(negotiationId)), { seq: recorded.auditSeq, head: recorded.auditHead });
  }

  /** The chain, then every row derived from it (rounds, seats, the publication, …): GET …/audit/verify. */
  async verifyRecord(negotiationId: string): Promise<RecordVerification> {
    const n = await this.dataSource.getRepository(Negotiation).findOneByOrFail({ id: negotiationId });
    const links = await this.list(negotiationId);
    return verifyRecord(this.dataSource.manager, n.id, links, { seq: n.auditSeq, head: n.auditHead }, this.config.TZ_NAME);
  }
}
