import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { AccountsModule } from './accounts/accounts.module';
import { AuthGuard } from './accounts/auth.guard';
import { TokenVerifier, tokenVerifier } from './accounts/token-verifier';
import { RequestBudgetGuard } from './accounts/request-budget';
import { AgreementsModule } from './agreements/agreements.module';
import { CheckpointsModule } from './audit/checkpoints.module';
import { Clock, ReplayClock, SystemClock } from './common/clock';
import { CoreModule } from './common/core.module';
import { HostResolver } from './common/outbound-request';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { FixturesModule } from './fixtures/fixtures.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { SweeperModule } from './deadlines/sweeper.module';
import { HealthController } from './health.controller';
import { LedgerModule } from './ledger/ledger.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { NegotiationsModule } from './negotiations/negotiations.module';
import { BallotBoxModule } from './ballots/ballot-box.module';
import { WebModule } from './web/web.module';
import { CostingModule } from './costing/costing.module';

@Module({})
export class AppModule {
  static register(config: AppConfig, clock?: Clock, resolver?: HostResolver): DynamicModule {
    // development without JWT_SECRET: a fresh secret per start (tokens end with the process)
    const jwtSecret = config.JWT_SECRET ?? randomBytes(32).toString('hex');
    const verifier = tokenVerifier(jwtSecret);
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL)),
        JwtModule.register({ global: true, secret: jwtSecret, signOptions: { expiresIn: '12h' } }),
        // outside production the demo may replay its story in the past (ReplayClock)
        CoreModule.register(config.isProduction ? clock : new ReplayClock(clock ?? new SystemClock()), resolver),
        IdempotencyModule,
        AccountsModule,
        DeadlinesModule,
        SweeperModule,
        NegotiationsModule,
        BallotBoxModule,
        AgreementsModule,
        CostingModule,
        CheckpointsModule,
        LedgerModule,
        FixturesModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: TokenVerifier, useValue: verifier },
        // public, cacheable reads are not counted and a signed-in person has a budget of their own:
        // thousands of riders share one carrier-grade NAT address (accounts/request-budget.ts);
        // wrong passwords have a budget of their own, shared by every instance (accounts/login-limiter.ts)
        { provide: APP_GUARD, useClass: RequestBudgetGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AppConfig, TokenVerifier],
    };
  }
}
