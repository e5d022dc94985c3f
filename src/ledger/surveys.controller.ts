import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { AnnualReportDto, ScaleResultDto, SurveyAnsweredDto, SurveyResultsDto, SurveyViewDto, TextResultDto, WorkerSurveyDto } from './dto/ledger-views.dto';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Public, Roles } from '../accounts/auth.decorators';
import { AnnualReportService } from './annual-report.service';
import { annualReportCsv } from './annual-report-csv';
import { AnnualReportQueryDto, SurveyDto, SurveyResponseDto } from './dto/ledger.dto';
import { SurveysService } from './surveys.service';
import { IdOf } from '../common/id.pipe';
import { WithoutIdempotencyKeys } from '../idempotency/idempotency.interceptor';
import { UnnamedInLog } from '../common/logging';

@ApiTags('ledger')
@ApiExtraModels(ScaleResultDto, TextResultDto)
@Controller('api')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly reports: AnnualReportService,
  ) {}

  /** The union chief of the agreement asks its covered workers. */
  @ApiBearerAuth()
  @Post('agreements/:id/surveys')
  @ApiOperation({ summary: 'Open a satisfaction survey (满意度调查)', description: "The union chief of the agreement's negotiation." })
  @ApiCreatedResponse({ type: SurveyViewDto, description: 'The survey' })
  @ApiErrors({ 403: 'Not the union chief', 404: 'No such published agreement', 422: 'closesOn in the past (SURVEY.CLOSES_IN_THE_PAST)' })
  open(@CurrentUser() user: AuthUser, @Param('id', new IdOf('agreement')) id: string, @Body() dto: SurveyDto) {
    return this.surveys.open(user, id, dto);
  }

  @Public()
  @Get('agreements/:id/surveys')
  @ApiOperation({ summary: "An agreement's surveys", description: 'Newest first; public (results are not).' })
  @ApiList(SurveyViewDto, 'Newest first')
  @ApiErrors({ 404: 'No such published agreement' })
  async list(@Param('id', new IdOf('agreement')) id: string) {
    const items = await this.surveys.forAgreement(id);
    return { items, total: items.length };
  }

  @ApiBearerAuth()
  @Roles('worker')
  @Get('me/surveys')
  @ApiOperation({ summary: 'My surveys', description: 'Surveys of agreements covering the caller, and whether they answered.' })
  @ApiList(WorkerSurveyDto, 'Newest first')
  @ApiErrors({ 403: 'Not a worker' })
  async mine(@CurrentUser() user: AuthUser) {
    const items = await this.surveys.forWorker(user);
    return { items, total: items.length };
  }

  /** A covered worker answers, once (409 after). */
  @ApiBearerAuth()
  @Roles('worker')
  @Post('surveys/:id/responses')
  @UnnamedInLog()
  // a kept key's row would hold the worker's id beside the fingerprint of their answers
  @WithoutIdempotencyKeys()
  @ApiOperation({ summary: 'Answer a survey', description: 'A covered worker, once; who answered is kept apart from what was answered. Idempotency-Key is not kept here (its row would tie the worker to the answers): a repeat is 409 SURVEY.ALREADY_ANSWERED.' })
  @ApiCreatedResponse({ type: SurveyAnsweredDto, description: 'Recorded' })
  @ApiErrors({ 403: 'Not a worker the agreement covers', 404: 'No such survey', 409: 'Answered already, or closed' })
  respond(@CurrentUser() user: AuthUser, @Param('id', new IdOf('survey')) id: string, @Body() dto: SurveyResponseDto) {
    return this.surveys.respond(user, id, dto);
  }

  /** Count, mean, distribution and free texts, without any worker's id. */
  @ApiBearerAuth()
  @Get('surveys/:id/results')
  @ApiOperation({ summary: "A survey's results", description: 'Representatives and the bureau; no worker ids.' })
  @ApiOkResponse({ type: SurveyResultsDto, description: 'Counts, means, distributions, texts' })
  @ApiErrors({ 403: "Not one of the agreement's representatives or the bureau", 404: 'No such survey' })
  results(@CurrentUser() user: AuthUser, @Param('id', new IdOf('survey')) id: string) {
    return this.surveys.results(user, id);
  }

  /** 年度协商工作报告, as JSON or CSV. */
  @ApiBearerAuth()
  @Roles('union_negotiator', 'bureau_reviewer')
  @Get('reports/annual')
  @ApiOperation({ summary: 'The annual bargaining report (年度协商工作报告)', description: 'SQL aggregates for a year and region; `format=csv` answers `metric,key,value` lines.' })
  @ApiOkResponse({ type: AnnualReportDto, description: 'The report (JSON), or the same figures as text/csv' })
  @ApiErrors({ 403: 'Not a union negotiator or the bureau' })
  @Header('Cache-Control', 'no-store')
  async annual(@Query() query: AnnualReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.reports.report(query.year, query.region);
    if (query.format !== 'csv') return report;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="annual-report-${query.year}${query.region ? `-${query.region}` : ''}.csv"`);
    return annualReportCsv(report);
  }
}
