import { Body, Controller, Get, Header, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Public, Roles } from '../accounts/auth.decorators';
import { AnnualReportService } from './annual-report.service';
import { annualReportCsv } from './annual-report-csv';
import { AnnualReportQueryDto, SurveyDto, SurveyResponseDto } from './dto/ledger.dto';
import { SurveysService } from './surveys.service';

@ApiTags('ledger')
@Controller('api')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly reports: AnnualReportService,
  ) {}

  /** The union chief of the agreement asks its covered workers. */
  @ApiBearerAuth()
  @Post('agreements/:id/surveys')
  open(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SurveyDto) {
    return this.surveys.open(user, id, dto);
  }

  @Public()
  @Get('agreements/:id/surveys')
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.surveys.forAgreement(id);
  }

  @ApiBearerAuth()
  @Roles('worker')
  @Get('me/surveys')
  mine(@CurrentUser() user: AuthUser) {
    return this.surveys.forWorker(user);
  }

  /** A covered worker answers, once (409 after). */
  @ApiBearerAuth()
  @Roles('worker')
  @Post('surveys/:id/responses')
  respond(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SurveyResponseDto) {
    return this.surveys.respond(user, id, dto);
  }

  /** Count, mean, distribution and free texts, without any worker's id. */
  @ApiBearerAuth()
  @Get('surveys/:id/results')
  results(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.surveys.results(user, id);
  }

  /** 年度协商工作报告, as JSON or CSV. */
  @ApiBearerAuth()
  @ApiProduces('application/json', 'text/csv')
  @Roles('union_negotiator', 'bureau_reviewer')
  @Get('reports/annual')
  @Header('Cache-Control', 'no-store')
  async annual(@Query() query: AnnualReportQueryDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.reports.report(query.year, query.region);
    if (query.format !== 'csv') return report;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="annual-report-${query.year}${query.region ? `-${query.region}` : ''}.csv"`);
    return annualReportCsv(report);
  }
}
