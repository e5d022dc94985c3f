import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { AgreementsService } from '../agreements/agreements.service';
import { forbidden, notFound } from '../common/domain-error';
import { ComplaintsService } from '../ledger/complaints.service';
import { SurveysService } from '../ledger/surveys.service';
import { calendarDate, dateTime } from './format';
import { label } from './i18n';
import { LedgerForms, formInt } from './ledger-forms';
import { complaintRows } from './ledger-page';
import { Refusal, seeOther } from './page-events';
import { Pages } from './pages';
import { CsrfGuard, WebUser } from './web-guards';
import { field, isUuid } from './web-params';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-session';
import { UnnamedInLog } from '../common/logging';

/** A rider's pages after publication: complain and follow the complaint, answer a survey. */
@WebPages({ signedIn: true })
@Controller()
export class LedgerWorkerPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly agreements: AgreementsService,
    private readonly complaints: ComplaintsService,
    private readonly surveys: SurveysService,
    private readonly forms: LedgerForms,
  ) {}

  @Get('complaints')
  async mine(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser) {
    return this.minePage(request, reply, user);
  }

  @Get('agreements/:id/complain')
  async complainForm(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.formPage(request, reply, user, checked(id, 'agreement'), {}, null);
  }

  @Post('agreements/:id/complaints')
  @UseGuards(CsrfGuard)
  async complain(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const agreementId = checked(id, 'agreement');
    const lang = this.pages.lang(request);
    const clause = field(form, 'clauseIndex');
    const orderId = field(form, 'orderId');
    const dto = {
      text: field(form, 'text'),
      ...(clause ? { clauseIndex: formInt(clause) } : {}),
      ...(orderId ? { orderId } : {}),
      shareIdentity: field(form, 'shareIdentity') === 'on',
    };
    let due = '';
    const refused = await this.forms.attempt(
      reply,
      lang,
      async () => {
        const filed = await this.complaints.file(user, agreementId, dto);
        due = dateTime(filed.answerDueAt, this.pages.zone, lang);
      },
      '',
    );
    if (refused) return this.formPage(request, reply, user, agreementId, form, refused);
    this.forms.flash(reply, this.pages.t(request)('complaint.filed', { due }));
    return seeOther(reply, '/complaints');
  }

  @Post('complaints/:id/accept')
  @UseGuards(CsrfGuard)
  async accept(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    const complaintId = checked(id, 'complaint');
    const refused = await this.forms.attempt(reply, this.pages.lang(request), () => this.complaints.accept(user, complaintId), this.pages.t(request)('complaint.accepted'));
    return refused ? this.minePage(request, reply, user, refused) : seeOther(reply, `/complaints#c-${complaintId}`);
  }

  @Post('complaints/:id/escalate')
  @UseGuards(CsrfGuard)
  async escalate(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const complaintId = checked(id, 'complaint');
    const refused = await this.forms.attempt(
      reply,
      this.pages.lang(request),
      () => this.complaints.escalate(user, complaintId, { reason: field(form, 'reason') }),
      this.pages.t(request)('complaint.escalated'),
    );
    return refused ? this.minePage(request, reply, user, refused) : seeOther(reply, `/complaints#c-${complaintId}`);
  }

  @Get('surveys/:id')
  survey(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.surveyPage(request, reply, user, checked(id, 'survey'), {}, null);
  }

  @Post('surveys/:id')
  @UnnamedInLog()
  @UseGuards(CsrfGuard)
  async answer(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const surveyId = checked(id, 'survey');
    const survey = await this.surveys.get(surveyId);
    const answers: Record<string, unknown> = {};
    for (const q of survey.questions) {
      const value = field(form, `q.${q.id}`);
      // an unanswered question is left out; the service refuses an empty survey
      if (value) answers[q.id] = q.kind === 'scale' ? formInt(value) : value;
    }
    const refused = await this.forms.attempt(reply, this.pages.lang(request), () => this.surveys.respond(user, surveyId, { answers }), this.pages.t(request)('survey.thanks'));
    return refused ? this.surveyPage(request, reply, user, surveyId, form, refused) : seeOther(reply, '/complaints');
  }

  private async minePage(request: WebRequest, reply: FastifyReply, user: AuthUser, refused: Refusal | null = null) {
    if (user.role !== 'worker') throw forbidden('COMPLAINT.WORKERS_ONLY', 'complaints are filed by workers');
    const lang = this.pages.lang(request, reply);
    const [{ items }, surveys] = await Promise.all([this.complaints.mine(user), this.surveys.forWorker(user)]);
    const topics = new Map<string, string[]>();
    for (const agreementId of new Set(items.map((c) => c.agreementId)))
      topics.set(agreementId, ((await this.agreements.get(agreementId)).terms.clauses ?? []).map((c) => label('topic', c.topic, lang)));
    return this.pages.render(
      request,
      reply,
      'complaints',
      {
        title: this.pages.t(request)('complaint.title'),
        complaints: complaintRows(items, topics, { lang, zone: this.pages.zone }),
        surveys: surveys.map((s) => ({ id: s.id, title: s.title, closes: calendarDate(s.closesOn, lang), open: s.open, answered: s.answered })),
        refused,
      },
      { status: refused?.status },
    );
  }

  private async formPage(request: WebRequest, reply: FastifyReply, user: AuthUser, agreementId: string, form: Record<string, unknown>, refused: Refusal | null) {
    if (user.role !== 'worker') throw forbidden('COMPLAINT.WORKERS_ONLY', 'complaints are filed by workers');
    const lang = this.pages.lang(request, reply);
    const agreement = await this.agreements.get(agreementId);
    return this.pages.render(
      request,
      reply,
      'complaint-form',
      {
        title: `${this.pages.t(request)('complaint.new')} · ${agreement.title}`,
        agreement: { id: agreement.id, title: agreement.title },
        clauses: (agreement.terms.clauses ?? []).map((c, i) => ({ index: i, label: `${i + 1}. ${label('topic', c.topic, lang)}`, selected: field(form, 'clauseIndex') === String(i) })),
        written: { text: field(form, 'text'), orderId: field(form, 'orderId'), share: field(form, 'shareIdentity') === 'on' },
        refused,
      },
      { status: refused?.status },
    );
  }

  private async surveyPage(request: WebRequest, reply: FastifyReply, user: AuthUser, id: string, form: Record<string, unknown>, refused: Refusal | null) {
    const lang = this.pages.lang(request, reply);
    const survey = await this.surveys.get(id);
    const mine = (await this.surveys.forWorker(user)).find((s) => s.id === id);
    if (!mine) throw notFound('survey');
    return this.pages.render(
      request,
      reply,
      'survey',
      {
        title: survey.title,
        survey: { id, title: survey.title, closes: calendarDate(survey.closesOn, lang), open: survey.open, answered: mine.answered },
        questions: survey.questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, value: field(form, `q.${q.id}`) })),
        points: [1, 2, 3, 4, 5],
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
