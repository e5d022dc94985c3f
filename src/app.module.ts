import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { AccountsModule } from './accounts/accounts.module';
import { AuthController } from './accounts/auth.controller';
import { SessionPagesController } from './web/session-pages.controller';
import { AuthGuard } from './accounts/auth.guard';
import { AgreementsModule } from './agreements/agreements.module';
import { Clock, ReplayClock, SystemClock } from './common/clock';
import { CoreModule } from './common/core.module';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source-options';
import { FixturesModule } from './fixtures/fixtures.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { SweeperModule } from './deadlines/sweeper.module';
import { HealthController } from './health.controller';
import { LedgerModule } from './ledger/ledger.module';
import { NegotiationsModule } from './negotiations/negotiations.module';
import { WebModule } from './web/web.module';
import { CostingModule } from './costing/costing.module';

/** Where passwords are tried: the API login and the web login form. */
const LOGIN_ROUTES: Type[] = [AuthController, SessionPagesController];

@Module({})
export class AppModule {
  static register(config: AppConfig, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL)),
        // development without JWT_SECRET: a fresh secret per start (tokens end with the process)
        JwtModule.register({ global: true, secret: config.JWT_SECRET ?? randomBytes(32).toString('hex'), signOptions: { expiresIn: '12h' } }),
        ThrottlerModule.forRoot([
          { name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE },
          // passwords are guessed at the login route: a tighter budget there
          { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT_PER_MINUTE, skipIf: (context) => !LOGIN_ROUTES.includes(context.getClass()) },
        ]),
        TerminusModule,
        // outside production the demo may replay its story in the past (ReplayClock)
        CoreModule.register(config.isProduction ? clock : new ReplayClock(clock ?? new SystemClock())),
        AccountsModule,
        DeadlinesModule,
        SweeperModule,
        NegotiationsModule,
        AgreementsModule,
        CostingModule,
        LedgerModule,
        FixturesModule,
        WebModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
      ],
      exports: [AppConfig],
    };
  }
}
