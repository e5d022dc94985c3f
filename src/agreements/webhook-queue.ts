import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { Agreement } from './agreement.entity';
import { coveredWorkersCondition } from './coverage';
import { WebhookDelivery } from './webhook-delivery.entity';

/**
 * Queues a publication for each covered enterprise with a webhook, inside the publishing
 * transaction: the publication and its pending deliveries commit together or not at all.
 */
@Injectable()
export class WebhookQueue {
  async enqueue(manager: EntityManager, agreement: Agreement, at: Date): Promise<number> {
    const scope = agreement.scope;
    const query = manager
      .createQueryBuilder(Organization, 'o')
      .select('o.id', 'id')
      .where("o.kind = 'enterprise' AND o.webhook_url IS NOT NULL");
    if (scope.enterpriseIds.length) query.andWhere('o.id IN (:...listed)', { listed: scope.enterpriseIds });
    else {
      // an empty list binds every enterprise of the industry in the region (劳动合同法 art. 54):
      // tell those that have workers the publication covers
      // (the per-scope tallies the workers table's triggers keep: a few rows, not every worker)
      const covered = coveredWorkersCondition(scope, 't');
      query.andWhere(`o.id IN (SELECT DISTINCT t.enterprise_id FROM worker_tallies t WHERE t.workers > 0 AND ${covered.where})`, covered.params);
    }
    const enterprises = await query.getRawMany<{ id: string }>();
    if (!enterprises.length) return 0;
    await manager.insert(
      WebhookDelivery,
      enterprises.map((e) => ({
        id: randomUUID(),
        agreementId: agreement.id,
        enterpriseId: e.id,
        status: 'pending' as const,
        nextAttemptAt: at.toISOString(),
        attempts: [],
        createdAt: at.toISOString(),
      })),
    );
    return enterprises.length;
  }
}
