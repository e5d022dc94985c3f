import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Clock, SystemClock } from './clock';
import { RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { fixturePath } from './fixture-path';
import { Transactions } from '../database/transactions';
import { WalCheckpointer } from '../database/wal-checkpointer';
import { HOST_RESOLVER, HostResolver, systemResolver } from './outbound-request';

/**
 * What every feature shares: configuration, the clock, the legal tables (rule packs, minimum
 * wages), the transaction runner (and SQLite's checkpointer) and the host resolver of outgoing requests. Tests override
 * Clock with a ManualClock and the resolver with names of their own. A feature's services
 * belong to its own module, imported by the modules that depend on it.
 */
@Global()
@Module({})
export class CoreModule {
  static register(clock: Clock = new SystemClock(), resolver: HostResolver = systemResolver): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: Clock, useValue: clock },
        { provide: HOST_RESOLVER, useValue: resolver },
        { provide: RulePacks, inject: [AppConfig], useFactory: (c: AppConfig) => RulePacks.load(fixturePath('rule-packs'), c.RULE_PACK) },
        { provide: MinimumWageTable, useFactory: () => MinimumWageTable.load() },
        Transactions,
        WalCheckpointer,
      ],
      exports: [Clock, HOST_RESOLVER, RulePacks, MinimumWageTable, Transactions],
    };
  }
}
