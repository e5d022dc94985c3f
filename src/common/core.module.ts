import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { fixturePath } from './fixture-path';
import { Transactions } from '../database/transactions';
import { PublicationBus } from '../agreements/publication-bus';
import { WebhookQueue } from '../agreements/webhook-queue';

/**
 * What every feature shares: configuration, the clock, the legal tables (rule packs, minimum
 * wages) and the transaction runner. Tests override Clock with a ManualClock.
 */
@Global()
@Module({})
export class CoreModule {
  static register(clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Clock, useValue: clock },
        { provide: RulePacks, inject: [AppConfig], useFactory: (c: AppConfig) => RulePacks.load(fixturePath('rule-packs'), c.RULE_PACK) },
        { provide: MinimumWageTable, useFactory: () => MinimumWageTable.load() },
        Transactions,
        PublicationBus,
        WebhookQueue,
      ],
      exports: [Clock, RulePacks, MinimumWageTable, Transactions, PublicationBus, WebhookQueue],
    };
  }
}
