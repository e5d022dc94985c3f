import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { forbidden, notFound } from '../common/domain-error';
import { AnnualReportService } from '../ledger/annual-report.service';
import { annualReportCsv } from '../ledger/annual-report-csv';
import { CommitmentsService } from '../ledger/commitments.service';
import { ComplaintsService } from '../ledger/complaints.service';
import { SurveysService } from '../ledger/surveys.service';
import { NegotiationView } from '../negotiations/negotiation-view';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Side } from '../negotiations/negotiation.types';
import { dateIn } from '../deadlines/due-at';
import { label } from './i18n';
import { LedgerForms, formInt } from './ledger-forms';
import { commitmentRows, complaintRows, reportModel, surveyResultRows } from './ledger-page';
import { Refusal, seeOther } from './page-events';
import { Pages } from './pages';
import { WebDirectory } from './web-directory';
import { CsrfGuard, WebUser } from './web-guards';
import { field, isUuid } from './web-params';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-session';

/** Which side the caller acts for in a negotiation (by seat, or by organisation while the side has none). */
function sideOf(user: AuthUser, view: NegotiationView): { side: Side | null; chief: boolean } {
  for (const side of ['union', 'enterprise'] as const) {
    const seats = view.representatives[side];
    if (seats.chief === user.id) return { side, chief: true };
    if (seats.members.includes(user.id)) return { side, chief: false };
  }
  const side = user.role === 'union_negotiator' ? 'union' : user.role === 'enterprise_rep' ? 'enterprise' : null;
  const org = side === 'union' ? view.unionOrganizationId : side === 'enterprise' ? view.enterpriseOrganizationId : null;
  return side && org === user.organizationId && !view.representatives[side].chief ? { side, chief: true } : { side: null, chief: false };
}

/** Negotiators' pages after publication: the ledger with its forms, complaints to answer, survey results; the annual report. */
@WebPages({ signedIn: true })
@Controller()
export class LedgerNegotiatorPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly negotiations: NegotiationsService,
    private readonly commitments: CommitmentsService,
    private readonly complaints: ComplaintsService,
    private readonly surveys: SurveysService,
    private readonly reports: AnnualReportService,
    private readonly directory: WebDirectory,
    private readonly forms: LedgerForms,
  ) {}

  @Get('negotiations/:id/ledger')
  ledger(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.ledgerPage(request, reply, user, checked(id, 'negotiation'));
  }

  @Post('negotiations/:id/ledger/commitments/:cid/report')
  @UseGuards(CsrfGuard)
  report(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Param('cid') cid: string, @Body() form: Record<string, unknown>) {
    const dto = { progress: formInt(field(form, 'progress')), text: field(form, 'text') };
    return this.act(request, reply, user, id, `c-${cid}`, () => this.commitments.report(user, checked(cid, 'commitment'), dto), 'ledger.reported');
  }

  @Post('negotiations/:id/ledger/commitments/:cid/verify')
  @UseGuards(CsrfGuard)
  verify(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Param('cid') cid: string, @Body() form: Record<string, unknown>) {
    const dto = { verdict: field(form, 'verdict') as 'confirmed' | 'disputed', note: field(form, 'note') };
    return this.act(request, reply, user, id, `c-${cid}`, () => this.commitments.verify(user, checked(cid, 'commitment'), dto), 'ledger.verified');
  }

  @Post('negotiations/:id/ledger/complaints/:kid/answer')
  @UseGuards(CsrfGuard)
  answer(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Param('kid') kid: string, @Body() form: Record<string, unknown>) {
    return this.act(request, reply, user, id, `k-${kid}`, () => this.complaints.answer(user, checked(kid, 'complaint'), { text: field(form, 'text') }), 'complaint.answered');
  }

  @Post('negotiations/:id/ledger/complaints/:kid/refer')
  @UseGuards(CsrfGuard)
  refer(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Param('kid') kid: string) {
    return this.act(request, reply, user, id, `k-${kid}`, () => this.complaints.refer(user, checked(kid, 'complaint'), {}), 'complaint.referred');
  }

  @Post('negotiations/:id/ledger/surveys')
  @UseGuards(CsrfGuard)
  async openSurvey(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const negotiationId = checked(id, 'negotiation');
    const agreement = await this.directory.publicationOf(negotiationId);
    if (!agreement) throw notFound('agreement');
    const questions = [1, 2, 3]
      .map((i) => ({ id: `q${i}`, kind: field(form, `kind${i}`) === 'text' ? ('text' as const) : ('scale' as const), text: field(form, `question${i}`) }))
      .filter((q) => q.text);
    const dto = { title: field(form, 'title'), questions, closesOn: field(form, 'closesOn') };
    return this.act(request, reply, user, negotiationId, 'surveys', () => this.surveys.open(user, agreement.id, dto), 'survey.opened');
  }

  @Get('reports/annual')
  async annual(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Query() query: Record<string, string>) {
    if (user.role !== 'union_negotiator' && user.role !== 'bureau_reviewer') throw forbidden('AUTH.WRONG_ROLE', 'the annual report is for the union and the bureau');
    const lang = this.pages.lang(request, reply);
    const thisYear = Number(dateIn(this.pages.now(), this.pages.zone).slice(0, 4));
    const year = /^\d{4}$/.test(query.year ?? '') && Number(query.year) >= 2000 && Number(query.year) <= 2200 ? Number(query.year) : thisYear;
    const region = /^\d{6}$/.test(query.region ?? '') ? query.region : undefined;
    const report = await this.reports.report(year, region);
    const csv = new URLSearchParams({ year: String(year), ...(region ? { region } : {}), format: 'csv' });
    return this.pages.render(request, reply, 'report', {
      title: `${this.pages.t(request)('report.title')} · ${year}`,
      year,
      region: region ?? '',
      csvHref: `/reports/annual.csv?${csv.toString()}`,
      r: reportModel(report, lang),
    });
  }

  /** The report as CSV for the page's download link (the session, not a bearer token, says who asks). */
  @Get('reports/annual.csv')
  async annualCsv(@Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Query() query: Record<string, string>) {
    if (user.role !== 'union_negotiator' && user.role !== 'bureau_reviewer') throw forbidden('AUTH.WRONG_ROLE', 'the annual report is for the union and the bureau');
    const year = /^\d{4}$/.test(query.year ?? '') ? Number(query.year) : Number(dateIn(this.pages.now(), this.pages.zone).slice(0, 4));
    const region = /^\d{6}$/.test(query.region ?? '') ? query.region : undefined;
    reply.header('Content-Type', 'text/csv; charset=utf-8');
    reply.header('Content-Disposition', `attachment; filename="annual-report-${year}${region ? `-${region}` : ''}.csv"`);
    return annualReportCsv(await this.reports.report(year, region));
  }

  private async act(
    request: WebRequest,
    reply: FastifyReply,
    user: AuthUser,
    id: string,
    anchor: string,
    work: () => Promise<unknown>,
    done: 'ledger.reported' | 'ledger.verified' | 'complaint.answered' | 'complaint.referred' | 'survey.opened',
  ) {
    const negotiationId = checked(id, 'negotiation');
    const refused = await this.forms.attempt(reply, this.pages.lang(request), work, this.pages.t(request)(done));
    return refused ? this.ledgerPage(request, reply, user, negotiationId, refused) : seeOther(reply, `/negotiations/${negotiationId}/ledger#${anchor}`);
  }

  private async ledgerPage(request: WebRequest, reply: FastifyReply, user: AuthUser, id: string, refused: Refusal | null = null) {
    const lang = this.pages.lang(request, reply);
    const ctx = { lang, zone: this.pages.zone };
    const view = await this.negotiations.get(user, id);
    const agreement = await this.directory.publicationOf(id);
    if (!agreement) throw notFound('agreement');
    const me = sideOf(user, view);
    const commitments = await this.commitments.list(agreement.id);
    const complaints = me.side || user.role === 'bureau_reviewer' ? (await this.complaints.forAgreement(user, agreement.id)).items : [];
    const surveys = await this.surveys.forAgreement(agreement.id);
    const results = [];
    if (me.side || user.role === 'bureau_reviewer') for (const s of surveys) results.push(surveyResultRows(s, await this.surveys.results(user, s.id), lang));
    const people = await this.directory.userNames(commitments.flatMap((c) => [...c.reports.map((r) => r.by), ...(c.verification ? [c.verification.by] : [])]));
    const orgs = await this.directory.organizationNames(commitments.map((c) => c.responsibleOrgId));
    const topics = new Map([[agreement.id, (agreement.terms.clauses ?? []).map((c) => label('topic', c.topic, lang))]]);
    return this.pages.render(
      request,
      reply,
      'ledger',
      {
        title: `${this.pages.t(request)('ledger.title')} · ${view.title}`,
        n: { id: view.id, title: view.title },
        agreement: { id: agreement.id },
        commitments: commitmentRows(commitments, orgs, people, ctx).map((c) => ({
          ...c,
          canReport: me.side === c.responsible && c.status !== 'done',
          canVerify: me.side !== null && me.side !== c.responsible && me.chief && c.reports.length > 0 && !c.verification && c.status !== 'done',
        })),
        complaints: complaintRows(complaints, topics, ctx).map((k) => ({
          ...k,
          canAnswer: me.side === 'enterprise' && k.status === 'open',
          canRefer: me.side === 'union' && k.status === 'escalated',
        })),
        surveys: results,
        canOpenSurvey: me.side === 'union' && me.chief,
        today: dateIn(this.pages.now(), this.pages.zone),
        refused,
      },
      { status: refused?.status },
    );
  }
}

function checked(id: string, what: string): string {
  if (!isUuid(id)) throw notFound(what);
  return id;
}
