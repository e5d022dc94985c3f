import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AnnualReport } from '../annual-report.service';
import { Board } from '../board.service';
import { CommitmentView } from '../commitments.service';
import { ComplaintView, OwnComplaintView } from '../complaints.service';
import { Evidence } from '../evidence.service';
import { SurveyResults, SurveyView } from '../surveys.service';
import { SurveyQuestionDto } from './ledger.dto';

/** The answers of the ledger's routes, each `implements` what its service builds. */
const STATUSES = ['pending', 'in_progress', 'done', 'overdue', 'disputed'];
const COMPLAINT_STATUSES = ['open', 'answered', 'accepted', 'escalated', 'referred'];

export class CommitmentClauseDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'The clause (0-based) of the agreement' })
  index!: number;
  @ApiProperty()
  topic!: string;
  @ApiProperty()
  text!: string;
}

export class CommitmentReportDto {
  @ApiProperty({ format: 'date-time' })
  at!: string;
  @ApiProperty({ format: 'uuid', description: 'The representative who reported' })
  by!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  progress!: number;
  @ApiProperty()
  text!: string;
}

export class CommitmentVerificationDto {
  @ApiProperty({ enum: ['confirmed', 'disputed'] })
  verdict!: 'confirmed' | 'disputed';
  @ApiProperty()
  note!: string;
  @ApiProperty({ format: 'uuid', description: "The other side's chief" })
  by!: string;
  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class CommitmentViewDto implements CommitmentView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: CommitmentClauseDto })
  clause!: CommitmentClauseDto;
  @ApiProperty({ enum: ['union', 'enterprise'] })
  responsible!: 'union' | 'enterprise';
  @ApiProperty({ format: 'uuid', description: 'The organisation that owes it' })
  responsibleOrgId!: string;
  @ApiProperty({ format: 'date', description: 'The last day (deadline kind commitmentDue ends with it)' })
  dueOn!: string;
  @ApiProperty({ enum: STATUSES, description: 'done: 100 % and confirmed; overdue: past its day and not done; disputed: the latest report is disputed' })
  status!: CommitmentView['status'];
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100, description: "The latest report's progress" })
  progress!: number;
  @ApiProperty({ type: [CommitmentReportDto] })
  reports!: CommitmentReportDto[];
  @ApiProperty({ type: CommitmentVerificationDto, nullable: true, description: 'The verdict on the latest report; null until given (a new report clears it)' })
  verification!: CommitmentVerificationDto | null;
}

export class BoardRedDto {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: 'integer', minimum: 0 })
  met!: number;
  @ApiProperty({ type: 'integer', minimum: 1 })
  total!: number;
}

export class BoardBlackDto {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: 'integer', minimum: 1 })
  overdue!: number;
  @ApiProperty({ type: 'integer', minimum: 1 })
  total!: number;
}

export class BoardDto implements Board {
  @ApiProperty({ type: [BoardRedDto], description: '红榜: every commitment met on time' })
  red!: BoardRedDto[];
  @ApiProperty({ type: [BoardBlackDto], description: '黑榜: any commitment overdue (past due and not done, or done late)' })
  black!: BoardBlackDto[];
}

export class ComplaintAnswerViewDto {
  @ApiProperty()
  text!: string;
  @ApiProperty({ format: 'date-time' })
  at!: string;
}

export class ComplaintFiledDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ enum: ['open'] })
  status!: 'open';
  @ApiProperty({ format: 'date-time', description: 'When the enterprise must have answered (deadline kind complaintAnswer)' })
  answerDueAt!: string;
}

class ComplaintBaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  agreementId!: string;
  @ApiProperty({ type: 'integer', nullable: true })
  clauseIndex!: number | null;
  @ApiProperty({ type: 'string', nullable: true })
  orderId!: string | null;
  @ApiProperty()
  text!: string;
  @ApiProperty({ enum: COMPLAINT_STATUSES })
  status!: OwnComplaintView['status'];
  @ApiProperty({ description: 'Open past its answer deadline' })
  overdue!: boolean;
  @ApiProperty({ format: 'date-time' })
  filedAt!: string;
  @ApiProperty({ format: 'date-time' })
  answerDueAt!: string;
  @ApiProperty({ type: ComplaintAnswerViewDto, nullable: true })
  answer!: ComplaintAnswerViewDto | null;
  @ApiProperty({ type: 'string', nullable: true })
  escalationReason!: string | null;
}

export class OwnComplaintViewDto extends ComplaintBaseDto implements OwnComplaintView {
  @ApiProperty({ description: 'Whether the union and the enterprise are shown who complains' })
  shareIdentity!: boolean;
}

export class ComplaintWorkerDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  displayName!: string;
}

export class ComplaintViewDto extends ComplaintBaseDto implements ComplaintView {
  @ApiProperty({ type: ComplaintWorkerDto, nullable: true, description: 'Who complains: only where they chose to share it' })
  worker!: ComplaintWorkerDto | null;
}

export class SurveyViewDto implements SurveyView {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  agreementId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: [SurveyQuestionDto] })
  questions!: SurveyQuestionDto[];
  @ApiProperty({ format: 'date' })
  closesOn!: string;
  @ApiProperty({ description: 'Still taking answers (today is not after closesOn)' })
  open!: boolean;
}

export class WorkerSurveyDto extends SurveyViewDto {
  @ApiProperty({ description: 'Whether the caller has answered it' })
  answered!: boolean;
}

export class SurveyAnsweredDto {
  @ApiProperty({ format: 'uuid' })
  surveyId!: string;
  @ApiProperty({ enum: [true] })
  answered!: true;
}

export class DistributionDto {
  @ApiProperty({ type: 'integer', minimum: 0 }) '1'!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) '2'!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) '3'!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) '4'!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) '5'!: number;
}

export class ScaleResultDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ type: 'number', nullable: true, description: 'Mean, two decimals; null without answers' })
  mean!: number | null;
  @ApiProperty({ type: DistributionDto, description: 'How many chose each point of the scale' })
  distribution!: Record<string, number>;
}

export class TextResultDto {
  @ApiProperty()
  id!: string;
  @ApiProperty({ type: [String], description: 'The answers, sorted, without who gave them' })
  texts!: string[];
}

export class SurveyResultsDto implements SurveyResults {
  @ApiProperty({ type: 'integer', minimum: 0 })
  responses!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Workers the agreement covers now' })
  covered!: number;
  @ApiProperty({ type: 'array', items: { oneOf: [{ $ref: '#/components/schemas/ScaleResultDto' }, { $ref: '#/components/schemas/TextResultDto' }] } })
  questions!: Array<ScaleResultDto | TextResultDto>;
}

export class EvidenceSurveyDto extends SurveyResultsDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ format: 'date' })
  closesOn!: string;
  @ApiProperty({ type: [SurveyQuestionDto], description: 'The questions as asked' })
  asked!: SurveyQuestionDto[];
}

export class ClauseCountDto {
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: about no particular clause' })
  clauseIndex!: number | null;
  @ApiProperty({ type: 'integer', minimum: 1 })
  count!: number;
}

export class EvidenceComplaintsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  total!: number;
  @ApiProperty({ type: [ClauseCountDto] })
  byClause!: ClauseCountDto[];
}

export class EvidenceCommitmentsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  total!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  met!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  overdue!: number;
}

export class EvidenceDto implements Evidence {
  @ApiProperty({ type: [String], format: 'uuid', description: 'The earlier agreements of the same scope it comes from' })
  agreementIds!: string[];
  @ApiProperty({ type: [EvidenceSurveyDto] })
  surveys!: EvidenceSurveyDto[];
  @ApiProperty({ type: EvidenceComplaintsDto })
  complaints!: EvidenceComplaintsDto;
  @ApiProperty({ type: EvidenceCommitmentsDto })
  commitments!: EvidenceCommitmentsDto;
}

export class ByKindDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  collective_contract?: number;
  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  rule_change?: number;
}

export class ReportNegotiationsDto {
  @ApiProperty({ type: ByKindDto, description: 'Opened in the year' })
  opened!: Record<string, number>;
  @ApiProperty({ type: ByKindDto, description: 'Published in the year' })
  concluded!: Record<string, number>;
}

export class StageDaysDto {
  @ApiProperty({ type: 'number', nullable: true, description: 'OPENED → RESPOND' })
  response!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'RESPOND → the last ACCEPT' })
  bargaining!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'The last ACCEPT → PUBLISH' })
  approval!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: 'OPENED → PUBLISH' })
  total!: number | null;
}

export class ReportAcknowledgementsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  covered!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  acknowledged!: number;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 0, maximum: 10000 })
  rateBasisPoints!: number | null;
}

export class ReportCommitmentsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  due!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  metOnTime!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  overdue!: number;
}

export class ReportComplaintsDto {
  @ApiProperty({ type: 'integer', minimum: 0 })
  filed!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  answered!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  answeredLate!: number;
  @ApiProperty({ type: 'number', nullable: true })
  medianAnswerDays!: number | null;
}

export class QuarterDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4 })
  quarter!: number;
  @ApiProperty({ type: 'integer', minimum: 1 })
  answers!: number;
  @ApiProperty({ type: 'number', minimum: 1, maximum: 5 })
  mean!: number;
}

export class AnnualReportDto implements AnnualReport {
  @ApiProperty({ type: 'integer' })
  year!: number;
  @ApiProperty({ type: 'string', nullable: true })
  region!: string | null;
  @ApiProperty({ type: ReportNegotiationsDto })
  negotiations!: ReportNegotiationsDto;
  @ApiProperty({ type: StageDaysDto, description: 'Median days, over the negotiations published in the year' })
  medianDaysPerStage!: StageDaysDto;
  @ApiProperty({ type: 'integer', minimum: 0 })
  agreementsInForce!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Distinct workers under at least one agreement in force' })
  workersCovered!: number;
  @ApiProperty({ type: ReportAcknowledgementsDto, description: 'Of the agreements published in the year' })
  acknowledgements!: ReportAcknowledgementsDto;
  @ApiProperty({ type: ReportCommitmentsDto, description: 'Commitments due in the year' })
  commitments!: ReportCommitmentsDto;
  @ApiProperty({ type: ReportComplaintsDto, description: 'Complaints filed in the year' })
  complaints!: ReportComplaintsDto;
  @ApiProperty({ type: [QuarterDto], description: 'Mean satisfaction of scale answers, by the quarter their survey closed' })
  satisfactionByQuarter!: QuarterDto[];
}
