import { Body, Controller, Get, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { InboxService } from '../agreements/inbox.service';
import { BallotBoxService } from '../ballots/ballot-box.service';
import { ballotModel } from './ballot-pages.controller';
import { DomainError, notFound } from '../common/domain-error';
import { NegotiationRecords } from '../negotiations/negotiation-records.service';
import { NegotiationView } from '../negotiations/negotiation-view';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { CostingService } from '../costing/costing.service';
import { costingSection } from './costing-chart';
import { eventFromForm } from './event-forms';
import { evidenceModel } from './ledger-page';
import { label } from './i18n';
import { minutesPage } from './minutes-page';
import { SentForm, actionsModel } from './negotiation-actions';
import {
  Names,
  PageContext,
  charts,
  commentRows,
  deadlineRows,
  header,
  negotiationListItem,
  peopleNamed,
  recorderName,
  positionRows,
  representatives,
} from './negotiation-page';
import { procedureTimeline } from './procedure-timeline';
import { PageEvents, Refusal, formKey, seeOther } from './page-events';
import { Pages } from './pages';
import { FormError } from './terms-form';
import { WebDirectory } from './web-directory';
import { CsrfGuard, WebUser } from './web-guards';
import { field, isUuid, pageNumber, pager } from './web-params';
import { WebRequest } from './web-session';
import { WebPages } from './web-pages.decorator';

const PAGE_SIZE = 20;

/** Negotiators' pages (and the bureau's): their negotiations, one negotiation at a glance, minutes. */
@WebPages({ signedIn: true })
@Controller('negotiations')
export class NegotiationPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly negotiations: NegotiationsService,
    private readonly records: NegotiationRecords,
    private readonly inbox: InboxService,
    private readonly directory: WebDirectory,
    private readonly events: PageEvents,
    private readonly costing: CostingService,
    private readonly ballots: BallotBoxService,
  ) {}

  private context(request: WebRequest, reply: FastifyReply): PageContext {
    return { lang: this.pages.lang(request, reply), zone: this.pages.zone, now: this.pages.now() };
  }

  @Get()
  async list(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Query('page') pageParam?: string) {
    const ctx = this.context(request, reply);
    const page = pageNumber(pageParam);
    const { items, total } = await this.negotiations.list(user, { page, pageSize: PAGE_SIZE });
    return this.pages.render(request, reply, 'negotiations', {
      title: this.pages.t(request)('negotiations.title'),
      items: items.map((n) => negotiationListItem(n, ctx)),
      pager: pager('/negotiations', {}, page, total, PAGE_SIZE),
    });
  }

  @Get(':id')
  negotiation(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.page(request, reply, user, this.checked(id));
  }

  /** Done: back to the page (303) with a flash. Refused: the page again, the form as it was sent. */
  @Post(':id/events')
  @UseGuards(CsrfGuard)
  async send(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const lang = this.pages.lang(request);
    const negotiationId = this.checked(id);
    const sent = { type: field(form, 'type'), fields: form };
    let event: ReturnType<typeof eventFromForm>;
    try {
      event = eventFromForm(form, lang);
    } catch (error) {
      if (!(error instanceof FormError)) throw error;
      return this.page(request, reply, user, negotiationId, { sent, refused: { status: 422, messages: error.messages } });
    }
    const version = Number(field(form, 'version'));
    const done = this.pages.t(request)('negotiation.done', { event: label('event', event.type, lang) });
    // the version the form was read at: acting on a page someone else has since moved on is a 409
    const ifMatch = Number.isInteger(version) && version > 0 ? version : undefined;
    const refused = await this.events.send(reply, { user, lang }, negotiationId, event.body, { done, ifMatch, form });
    return refused ? this.page(request, reply, user, negotiationId, { sent, refused }) : seeOther(reply, `/negotiations/${negotiationId}`);
  }

  @Get(':id/rounds/:round')
  async minutes(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Param('round') roundParam: string) {
    const ctx = this.context(request, reply);
    const view = await this.negotiations.get(user, this.checked(id));
    const [rounds, entries, verification] = await Promise.all([
      this.records.rounds(user, id),
      this.records.auditEntries(user, id),
      this.records.verify(user, id),
    ]);
    const round = rounds.find((r) => String(r.round) === roundParam);
    if (!round) throw notFound('round');
    const names = await this.names(view, [...peopleNamed(view, [round], [])]);
    const page = minutesPage(view, round, entries, verification.valid, names, ctx.lang, ctx.zone);
    return this.pages.render(request, reply, 'minutes', { title: `${page.heading} · ${view.title}`, m: page });
  }

  /** A negotiation at a glance; after a refused form, with the reason and the form as it was sent. */
  private async page(request: WebRequest, reply: FastifyReply, user: AuthUser, id: string, after: { sent: SentForm; refused: Refusal } | null = null) {
    const ctx = this.context(request, reply);
    const view = await this.negotiations.get(user, id);
    const [rounds, comments, entries, publication] = await Promise.all([
      this.records.rounds(user, id),
      this.records.comments(user, id),
      this.records.auditEntries(user, id),
      this.directory.publicationOf(id),
    ]);
    // the people the record names: representatives and the bureau, never a worker who commented
    const actors = entries.filter((e) => e.role !== 'worker' && e.actorId !== 'system').map((e) => e.actorId);
    const names = await this.names(view, [...peopleNamed(view, rounds, comments), ...actors]);
    const colleagues =
      view.can.includes('RESPOND') || view.can.includes('REQUEST_BARGAINING') || view.can.includes('REPLACE_SEAT')
        ? await this.directory.colleagues(user.organizationId ?? '', user.role)
        : [];
    const seated = (['union', 'enterprise'] as const)
      .flatMap((side) => [view.representatives[side].chief ?? '', ...view.representatives[side].members, ...view.representatives[side].experts])
      .filter(Boolean)
      .map((id) => ({ id, displayName: names.people.get(id) ?? id }));
    const data = {
      title: view.title,
      n: header(view, ctx.lang),
      deadlines: deadlineRows(view, ctx),
      parties: representatives(view, names, ctx.lang),
      recorder: recorderName(view, names),
      pendingSuspension: view.pendingSuspension
        ? this.pages.t(request)('negotiation.pendingSuspensionBy', {
            side: this.pages.t(request)(`side.${view.pendingSuspension.by}`),
            date: view.pendingSuspension.resumeOn,
          })
        : null,
      positions: positionRows(view, ctx.lang),
      dance: charts(view, rounds, ctx.lang),
      timeline: procedureTimeline(view, rounds, entries, names, ctx),
      comments: commentRows(comments, names, ctx),
      actions: actionsModel(user, view, { colleagues, comments, seated }, ctx.lang, after?.sent),
      formKey,
      refused: after?.refused ?? null,
      publication: publication ? { id: publication.id, acknowledgements: await this.acknowledgements(user, publication.id) } : null,
      costing: await this.costingOf(user, view, ctx),
      ballot: await this.ballot(user, id, ctx.lang),
      vote: view.vote ? { method: label('vote', view.vote.method, ctx.lang), tally: this.pages.t(request)('vote.tally', { ...view.vote }) } : null,
      evidence: evidenceModel(view.evidence, ctx.lang),
    };
    return this.pages.render(request, reply, 'negotiation', data, { status: after?.refused.status });
  }

  private checked(id: string): string {
    if (!isUuid(id)) throw notFound('negotiation');
    return id;
  }

  private async names(view: NegotiationView, people: string[]): Promise<Names> {
    const [peopleNames, orgs] = await Promise.all([
      this.directory.userNames(people),
      this.directory.organizationNames([view.unionOrganizationId, view.enterpriseOrganizationId]),
    ]);
    return { people: peopleNames, orgs };
  }

  /** What the latest offers mean per rider-hour, for those the costing is for (both sides' representatives, the bureau). */
  private async costingOf(user: AuthUser, view: NegotiationView, ctx: PageContext) {
    if (view.kind !== 'collective_contract') return null;
    try {
      return costingSection(await this.costing.costing(user, view.id), ctx.lang);
    } catch (error) {
      if (error instanceof DomainError && error.status === 403) return null;
      throw error;
    }
  }

  /** The workers' ballot: turnout while open, the result after; none when there is no ballot or it is not the caller's to see. */
  private async ballot(user: AuthUser, id: string, lang: 'zh' | 'en') {
    try {
      return ballotModel(await this.ballots.view(user, id), lang);
    } catch (error) {
      if (error instanceof DomainError && (error.status === 404 || error.status === 403)) return null;
      throw error;
    }
  }

  /** How many covered workers have acknowledged: for the parties and the bureau; others see no count. */
  private async acknowledgements(user: AuthUser, agreementId: string) {
    try {
      return await this.inbox.acknowledgements(user, agreementId);
    } catch (error) {
      if (error instanceof DomainError && error.status === 403) return null;
      throw error;
    }
  }
}
