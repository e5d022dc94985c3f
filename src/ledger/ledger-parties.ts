import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { Agreement } from '../agreements/agreement.entity';
import { covers } from '../agreements/coverage';
import { forbidden, notFound } from '../common/domain-error';
import { relationOf } from '../negotiations/negotiation-access';
import { Relation } from '../negotiations/negotiation-permissions';
import { Negotiation } from '../negotiations/negotiation.entity';

/** How a caller stands to a published agreement: through its negotiation's seats, or as a worker it covers. */
@Injectable()
export class LedgerParties {
  async agreement(m: EntityManager, id: string): Promise<Agreement> {
    const agreement = await m.findOne(Agreement, { where: { id } });
    if (!agreement) throw notFound('agreement');
    return agreement;
  }

  async negotiation(m: EntityManager, id: string): Promise<Negotiation> {
    return m.findOneByOrFail(Negotiation, { id });
  }

  async relation(m: EntityManager, user: AuthUser, negotiationId: string): Promise<Relation | null> {
    return relationOf(m, user, await this.negotiation(m, negotiationId));
  }

  /** The caller as a worker the agreement covers, or 403. */
  async coveredWorker(m: EntityManager, user: AuthUser, agreement: Agreement): Promise<Worker> {
    const worker = user.role === 'worker' && user.workerId ? await m.findOne(Worker, { where: { id: user.workerId } }) : null;
    if (!worker || !covers(agreement.scope, worker)) throw forbidden('LEDGER.NOT_COVERED', 'this agreement does not cover you');
    return worker;
  }
}
