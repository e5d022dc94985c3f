import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuditModule } from '../audit/audit.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AnnualReportService } from './annual-report.service';
import { BoardService } from './board.service';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsService } from './commitments.service';
import { ComplaintsController } from './complaints.controller';
import { ComplaintsService } from './complaints.service';
import { EvidenceService } from './evidence.service';
import { LedgerParties } from './ledger-parties';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/**
 * After publication (seed 004 §三): the ledger of commitments, the board, complaints, surveys
 * and the annual report. It reads negotiations and agreements but writes only its own rows,
 * its clocks (through DeadlinesService) and chain entries (through AuditService); publication
 * runs CommitmentsService.createAtPublication (Publications.alsoOnPublish), the negotiation view calls EvidenceService.
 */
@Module({
  imports: [AuditModule, AgreementsModule, DeadlinesModule],
  controllers: [CommitmentsController, ComplaintsController, SurveysController],
  providers: [LedgerParties, CommitmentsService, ComplaintsService, SurveysService, BoardService, AnnualReportService, EvidenceService],
  exports: [CommitmentsService, ComplaintsService, SurveysService, BoardService, AnnualReportService, EvidenceService],
})
export class LedgerModule {}
