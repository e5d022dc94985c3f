import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuditModule } from '../audit/audit.module';
import { CostingModule } from '../costing/costing.module';
import { NegotiationsModule } from '../negotiations/negotiations.module';
import { AssetsController } from './assets.controller';
import { PageEvents } from './page-events';
import { Pages } from './pages';
import { NegotiationPagesController } from './negotiation-pages.controller';
import { PublicPagesController } from './public-pages.controller';
import { SessionPagesController } from './session-pages.controller';
import { Stylesheet } from './stylesheet';
import { WebDirectory } from './web-directory';
import { WebErrorFilter } from './web-errors';
import { CsrfGuard, WebSessionGuard } from './web-guards';
import { WebSession } from './web-session';
import { WorkerPagesController } from './worker-pages.controller';
import { BallotBoxModule } from '../ballots/ballot-box.module';
import { BallotPagesController } from './ballot-pages.controller';
import { LedgerModule } from '../ledger/ledger.module';
import { LedgerForms } from './ledger-forms';
import { LedgerNegotiatorPagesController } from './ledger-negotiator-pages.controller';
import { LedgerPublicPagesController } from './ledger-public-pages.controller';
import { LedgerWorkerPagesController } from './ledger-worker-pages.controller';

/** Server-rendered pages for workers and negotiators (issue 5): no script, one stylesheet. */
@Module({
  imports: [AccountsModule, AgreementsModule, AuditModule, NegotiationsModule, CostingModule, BallotBoxModule, LedgerModule],
  controllers: [
    PublicPagesController,
    SessionPagesController,
    WorkerPagesController,
    NegotiationPagesController,
    BallotPagesController,
    LedgerPublicPagesController,
    LedgerWorkerPagesController,
    LedgerNegotiatorPagesController,
    AssetsController,
  ],
  providers: [Pages, PageEvents, LedgerForms, Stylesheet, WebDirectory, WebSession, WebSessionGuard, CsrfGuard, WebErrorFilter],
})
export class WebModule {}
