import { Body, Controller, Get, Param, Post, Query, Redirect, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { InboxService } from '../agreements/inbox.service';
import { BallotBoxService } from '../ballots/ballot-box.service';
import { ballotModel } from './ballot-pages.controller';
import { notFound } from '../common/domain-error';
import { NegotiationRecords } from '../negotiations/negotiation-records.service';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { agreementListItem } from './agreement-page';
import { draftWording } from './draft-page';
import { dateTime } from './format';
import { deadlineRows, stateLabel } from './negotiation-page';
import { PageEvents, Refusal, formKey, seeOther } from './page-events';
import { Pages } from './pages';
import { describeTerms } from './terms-display';
import { Terms } from '../terms/terms';
import { WebDirectory } from './web-directory';
import { CsrfGuard, WebUser } from './web-guards';
import { field, isUuid, pageNumber, pager } from './web-params';
import { WebRequest, WebSession } from './web-session';
import { WebPages } from './web-pages.decorator';

const PAGE_SIZE = 20;

/** A worker's pages: 我的通知 (publications covering them) and commenting on drafts. */
@WebPages({ signedIn: true })
@Controller()
export class WorkerPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly session: WebSession,
    private readonly inbox: InboxService,
    private readonly negotiations: NegotiationsService,
    private readonly records: NegotiationRecords,
    private readonly directory: WebDirectory,
    private readonly events: PageEvents,
    private readonly ballots: BallotBoxService,
  ) {}

  @Get('inbox')
  async notices(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Query('page') pageParam?: string) {
    const lang = this.pages.lang(request, reply);
    const page = pageNumber(pageParam);
    const [{ items, unread, total, minutes }, drafts, ballots] = await Promise.all([
      this.inbox.inbox(user, page, PAGE_SIZE),
      this.negotiations.list(user, { state: 'consultation', page: 1, pageSize: 20 }),
      this.ballots.forWorker(user),
    ]);
    return this.pages.render(request, reply, 'inbox', {
      title: this.pages.t(request)('inbox.title'),
      unread,
      items: items.map((i) => ({
        ...agreementListItem(i.agreement, lang, this.pages.zone),
        acknowledgedAt: i.acknowledgedAt ? dateTime(i.acknowledgedAt, this.pages.zone, lang) : null,
      })),
      drafts: drafts.items.map((d) => ({ id: d.id, title: d.title, state: stateLabel(d.state, lang), canComment: d.can.includes('COMMENT') })),
      // the signed minutes of each round (2024 协商指引: results signed by both chiefs reach every covered worker)
      minutes: minutes.slice(0, PAGE_SIZE).map((x) => ({
        title: x.title,
        heading: this.pages.t(request)(x.answer.type === 'ACCEPT' ? 'inbox.minutesDraft' : 'inbox.minutesRound', { n: x.round }),
        at: dateTime(x.publishedAt, this.pages.zone, lang),
        note: x.note,
        sections: describeTerms(x.terms as Terms, lang),
      })),
      pager: pager('/inbox', {}, page, total, PAGE_SIZE),
      ballots: ballots.map((x) => ({ id: x.negotiationId, title: x.title, b: ballotModel(x.ballot, lang) })),
    });
  }

  @Post('inbox/:agreementId/ack')
  @UseGuards(CsrfGuard)
  @Redirect('/inbox', 303)
  async acknowledge(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('agreementId') agreementId: string) {
    if (!isUuid(agreementId)) throw notFound('agreement');
    await this.inbox.acknowledge(user, agreementId);
    this.session.flash(reply, { level: 'ok', messages: [this.pages.t(request)('inbox.done')] });
    return { url: `/inbox#a-${agreementId}` };
  }

  /** The draft under consultation, the opinions so far (with the enterprise's answers), and the form. */
  @Get('negotiations/:id/comments')
  draft(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.draftPage(request, reply, user, this.checked(id));
  }

  /** Filed: back to the draft (303). Refused: the draft again, the opinion still in the box. */
  @Post('negotiations/:id/comments')
  @UseGuards(CsrfGuard)
  async comment(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const negotiationId = this.checked(id);
    const text = field(form, 'text');
    const done = this.pages.t(request)('draft.sent');
    const refused = await this.events.send(reply, { user, lang: this.pages.lang(request) }, negotiationId, { type: 'COMMENT', text }, { done, form });
    return refused ? this.draftPage(request, reply, user, negotiationId, { text, refused }) : seeOther(reply, `/negotiations/${negotiationId}/comments`);
  }

  private async draftPage(request: WebRequest, reply: FastifyReply, user: AuthUser, id: string, after: { text: string; refused: Refusal } | null = null) {
    const lang = this.pages.lang(request, reply);
    const t = this.pages.t(request);
    const view = await this.negotiations.get(user, id);
    const comments = await this.records.comments(user, id);
    const people = await this.directory.userNames(comments.flatMap((c) => (c.authorId ? [c.authorId] : [])));
    const draft = view.agreedTerms ?? (view.kind === 'rule_change' ? view.latestOffers.enterprise?.terms : null) ?? null;
    const data = {
      title: `${t('draft.title')} · ${view.title}`,
      n: { id: view.id, title: view.title, state: stateLabel(view.state, lang) },
      sections: draft ? describeTerms(draft, lang) : [],
      deadlines: deadlineRows(view, { lang, zone: this.pages.zone, now: this.pages.now() }),
      canComment: view.can.includes('COMMENT'),
      wording: draftWording(view.kind, view.state, view.can.includes('COMMENT')),
      comments: comments.map((c) => ({
        // a worker's name is not shown to other workers; representatives are named with their role
        author: c.authorId === user.id ? t('draft.byYou') : c.authorRole === 'worker' ? t('draft.byWorker') : (people.get(c.authorId ?? '') ?? '—'),
        at: dateTime(c.at, this.pages.zone, lang),
        text: c.text,
        answer: c.answer,
      })),
      written: after?.text ?? '',
      formKey,
      refused: after?.refused ?? null,
    };
    return this.pages.render(request, reply, 'draft', data, { status: after?.refused.status });
  }

  private checked(id: string): string {
    if (!isUuid(id)) throw notFound('negotiation');
    return id;
  }
}
