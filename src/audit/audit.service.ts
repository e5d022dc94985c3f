import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { insertRow, updateRows } from '../database/rows';
import { AuditEntry } from './audit-entry.entity';
import { Negotiation } from '../negotiations/negotiation.entity';
import { DomainError } from '../common/domain-error';
import { ChainLink, Verification, canonicalJson, hashCanonicalLink, verifyChain } from './audit-chain';
import { readChain, verifyStoredChain } from './chain-reader';
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
    return { ...link, hash: hashCanonicalLink(link) };
  }

  /** Appends a link in the caller's transaction; the (negotiation, seq) key makes a forked chain impossible. */
  async append(manager: EntityManager, link: ChainLink): Promise<void> {
    await insertRow(manager, AuditEntry, link);
  }

  /**
   * Appends an entry to a negotiation's chain from outside its command path (the ledger after
   * publication), in the caller's transaction: reads the head, links, moves the head and the
   * version on (a negotiation command racing it then fails its version check with a 409
   * instead of forking the chain), and inserts the link. Returns the link.
   */
  async extend(manager: EntityManager, entry: AuditAppend): Promise<ChainLink> {
    const n = await manager.findOneByOrFail(Negotiation, { id: entry.negotiationId });
    const link = this.link({ seq: n.auditSeq, head: n.auditHead }, entry);
    const moved = await updateRows(manager, Negotiation, { auditSeq: link.seq, auditHead: link.hash, version: n.version + 1, updatedAt: entry.at }, 'id = ? AND version = ?', [n.id, n.version]);
    if (moved !== 1) throw new DomainError(409, 'NEGOTIATION.STALE_VERSION', 'the negotiation changed meanwhile; retry');
    await this.append(manager, link);
    return link;
  }

  list(negotiationId: string): Promise<AuditEntry[]> {
    return this.dataSource.getRepository(AuditEntry).find({ where: { negotiationId }, order: { seq: 'ASC' } });
  }

  /** The chain as stored, in seq order, as plain rows (no entities): what verification reads. */
  links(negotiationId: string): Promise<ChainLink[]> {
    return readChain(this.dataSource.manager, negotiationId);
  }

  /**
   * Verifies the chain against itself and against the head the negotiation row recorded: the
   * given links, or the stored chain read a page at a time (verifyStoredChain).
   */
  async verify(negotiationId: string, links?: ChainLink[]): Promise<Verification> {
    if (!links) return verifyStoredChain(this.dataSource.manager, negotiationId);
    const recorded = await this.dataSource.getRepository(Negotiation).findOneByOrFail({ id: negotiationId });
    return verifyChain(links, { seq: recorded.auditSeq, head: recorded.auditHead });
  }

  /** The chain, then every row derived from it (rounds, seats, the publication, …): GET …/audit/verify. */
  async verifyRecord(negotiationId: string): Promise<RecordVerification> {
    const n = await this.dataSource.getRepository(Negotiation).findOneByOrFail({ id: negotiationId });
    const links = await this.links(negotiationId);
    return verifyRecord(this.dataSource.manager, n.id, links, { seq: n.auditSeq, head: n.auditHead }, this.config.TZ_NAME);
  }
}
