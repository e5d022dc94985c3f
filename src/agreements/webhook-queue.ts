import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Organization } from '../accounts/organization.entity';
import { Agreement } from './agreement.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

/**
 * Queues a publication for each covered enterprise with a webhook, inside the publishing
 * transaction: the publication and its pending deliveries commit together or not at all.
 */
@Injectable()
export class WebhookQueue {
  async enqueue(manager: EntityManager, agreement: Agreement, at: Date): Promise<number> {
    const enterprises = await manager.find(Organization, {
      where: {
        kind: 'enterprise',
        webhookUrl: Not(IsNull()),
        // an empty list binds every enterprise of the industry (劳动合同法 art. 54)
        ...(agreement.scope.enterpriseIds.length ? { id: In(agreement.scope.enterpriseIds) } : { industry: agreement.industry }),
      },
      select: { id: true },
    });
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
