import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { fixturePath } from './fixture-path';
import { Transactions } from '../database/transactions';

/**
 * What every feature shares: configuration, the clock, the legal tables (rule packs, minimum
 * wages) and the transaction runner. Tests override Clock with a ManualClock. A feature's
 * services belong to its own module, imported by the modules that depend on it.
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
      ],
      exports: [Clock, RulePacks, MinimumWageTable, Transactions],
    };
  }
}
