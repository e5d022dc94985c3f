import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AuthUser } from '../accounts/auth-user';
import { BallotBoxService, BallotView } from '../ballots/ballot-box.service';
import { BALLOT_CHOICES, BallotChoice } from '../ballots/ballot-rules';
import { DomainError, notFound } from '../common/domain-error';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Lang, translator } from './i18n';
import { Refusal } from './page-events';
import { Pages } from './pages';
import { describeTerms } from './terms-display';
import { CsrfGuard, WebUser } from './web-guards';
import { field, isUuid } from './web-params';
import { summarizeError } from './web-errors';
import { WebRequest } from './web-session';
import { WebPages } from './web-pages.decorator';
import { UnnamedInLog } from '../common/logging';

/** What the page shows after a POST: the receipt (only this once), or a receipt's check. */
interface After {
  receipt?: string;
  check?: { receipt: string; found: boolean };
  refused?: Refusal;
}

/**
 * 表决: a worker on the roll reads the draft and votes, without JavaScript; the receipt is shown
 * on the answer to the vote and nowhere else. After the close: the result and a receipt check.
 */
@WebPages({ signedIn: true })
@Controller('negotiations/:id/ballot')
export class BallotPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly box: BallotBoxService,
    private readonly negotiations: NegotiationsService,
  ) {}

  @Get()
  show(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string) {
    return this.page(request, reply, user, this.checked(id));
  }

  /** Not a redirect: the receipt exists only in this answer. A reload resends and is refused (already voted). */
  @Post()
  @UnnamedInLog()
  @UseGuards(CsrfGuard)
  async cast(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const negotiationId = this.checked(id);
    const lang = this.pages.lang(request);
    const choice = field(form, 'choice');
    if (!BALLOT_CHOICES.includes(choice as BallotChoice))
      return this.page(request, reply, user, negotiationId, { refused: { status: 400, messages: [translator(lang)('ballot.chooseOne')] } });
    try {
      const { receipt } = await this.box.cast(user, negotiationId, choice as BallotChoice);
      return this.page(request, reply, user, negotiationId, { receipt });
    } catch (error) {
      if (!(error instanceof DomainError) || error.status >= 500) throw error;
      return this.page(request, reply, user, negotiationId, { refused: refusal(error, lang) });
    }
  }

  @Post('receipt')
  @UseGuards(CsrfGuard)
  async check(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @WebUser() user: AuthUser, @Param('id') id: string, @Body() form: Record<string, unknown>) {
    const negotiationId = this.checked(id);
    const receipt = field(form, 'receipt').slice(0, 40);
    const found = receipt ? await this.box.checkReceipt(user, negotiationId, receipt) : false;
    return this.page(request, reply, user, negotiationId, { check: { receipt, found } });
  }

  private async page(request: WebRequest, reply: FastifyReply, user: AuthUser, id: string, after: After = {}) {
    const lang = this.pages.lang(request, reply);
    const t = this.pages.t(request);
    const ballot = await this.box.view(user, id);
    // after a failed vote the draft is back at the table and workers no longer see it: the result stays
    const draft = await this.negotiations.get(user, id).catch((error) => {
      if (error instanceof DomainError && error.status === 404) return null;
      throw error;
    });
    const title = draft?.title ?? (await this.box.titleOf(id));
    return this.pages.render(
      request,
      reply,
      'ballot',
      {
        title: `${t('ballot.title')} · ${title}`,
        n: { id, title },
        b: ballotModel(ballot, lang),
        sections: draft?.agreedTerms ? describeTerms(draft.agreedTerms, lang) : [],
        receipt: after.receipt ?? null,
        check: after.check ?? null,
        refused: after.refused ?? null,
      },
      { status: after.receipt ? 201 : after.refused?.status },
    );
  }

  private checked(id: string): string {
    if (!isUuid(id)) throw notFound('negotiation');
    return id;
  }
}

function refusal(error: DomainError, lang: Lang): Refusal {
  const summary = summarizeError(error, lang);
  return { status: summary.status, messages: [summary.headline, ...summary.details] };
}

/** The ballot as the pages show it (the worker's page and the negotiator's). */
export function ballotModel(b: BallotView, lang: Lang) {
  const t = translator(lang);
  return {
    ...b,
    bodyLabel: t(b.body === 'delegates' ? 'ballot.byDelegates' : 'ballot.byAllWorkers'),
    turnout: t('ballot.turnout', { cast: b.cast, eligible: b.eligible }),
    choices: BALLOT_CHOICES.map((value) => ({ value, label: t(`ballot.choice.${value}`) })),
    verdict: b.result ? t(b.result.ratified ? 'ballot.passed' : 'ballot.failed') : null,
  };
}
