import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Agreement } from '../agreements/agreement.entity';
import { Clock } from '../common/clock';
import { DomainError, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { dateIn, subtractFromDate } from '../deadlines/due-at';
import { termExpiry } from '../deadlines/deadline-plan';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { Terms } from '../terms/terms';
import { diffTerms } from '../terms/terms-comparison';
import { checkTerms } from '../terms/terms-rules';
import { Comment } from './comment.entity';
import {
  OfferEventDto,
  RecordVoteEventDto,
  RespondEventDto,
  RespondToOpinionsEventDto,
  SuspendEventDto,
  ExtendEventDto,
  AcceptEventDto,
  CommentEventDto,
  RequestBargainingEventDto,
} from './dto/events.dto';
import { Negotiation } from './negotiation.entity';
import { Relation } from './negotiation-permissions';
import { agreedTerms } from './negotiation-view';
import { Side } from './negotiation.types';
import { impossibleTally } from './ratification';
import { Representative } from './representative.entity';
import { Round } from './round.entity';
import { SeatChecks } from './seat-checks';
import { WebhookQueue } from '../agreements/webhook-queue';

/** Everything one accepted event needs to check its substance and write its consequences. */
export interface Command {
  manager: EntityManager;
  negotiation: Negotiation;
  user: AuthUser | null;
  relation: Relation | null;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
  /** State after the transition (equal to negotiation.state for self-transitions). */
  to: string;
  nextContext: Record<string, unknown>;
  /** The audit chain's head after this event's entry: publications carry it. */
  auditHead: string;
  /** Filled by check(): what else goes on the chain entry (round number, new ids), fixed before hashing. */
  recorded: Record<string, unknown>;
  /** Filled by effects: extra machine-event fields computed from the database (PUBLISH's term). */
  machineExtras: Record<string, unknown>;
  /** A linked negotiation to open in the same transaction (REQUEST_BARGAINING, REQUEST_RENEWAL). */
  opens?: LinkedOpening;
  /** The publication written, to announce once the transaction has committed. */
  published?: Agreement;
}

export interface LinkedOpening {
  title: string;
  proposal: Terms;
  seats: { side: Side; chief: string; members: string[] };
  reason: string;
}

const side = (c: Command): Side => c.relation!.party as Side;

@Injectable()
export class NegotiationEffects {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly wages: MinimumWageTable,
    private readonly packs: RulePacks,
    private readonly deadlines: DeadlinesService,
    private readonly seats: SeatChecks,
    private readonly webhooks: WebhookQueue,
  ) {}

  private today(c: Command): string {
    return dateIn(c.at, this.config.TZ_NAME);
  }

  private rounds(c: Command): Promise<Round[]> {
    return c.manager.find(Round, { where: { negotiationId: c.negotiation.id }, order: { round: 'ASC' } });
  }

  /**
   * Rules of substance (422), checked before the transition. Also fixes what the chain entry
   * records (ids of rows apply() will write), since the entry is hashed before they are written.
   */
  async check(c: Command): Promise<void> {
    const n = c.negotiation;
    switch (c.type) {
      case 'RESPOND': {
        const dto = c.payload as unknown as RespondEventDto;
        if (dto.accept) await this.seats.checkEnterpriseAnswer(c.manager, n, dto.representatives!);
        return;
      }
      case 'OFFER':
        checkTerms((c.payload as unknown as OfferEventDto).terms as Terms, n.kind, n.region, this.wages);
        c.recorded.round = (n.context as { round: number }).round + 1;
        return;
      case 'ACCEPT':
        c.recorded.round = (await this.rounds(c)).at(-1)!.round;
        return;
      case 'COMMENT':
        c.recorded.commentId = randomUUID();
        return;
      case 'SUSPEND': {
        const { resumeOn } = c.payload as unknown as SuspendEventDto;
        if (resumeOn <= this.today(c))
          throw unprocessable('NEGOTIATION.RESUME_DATE_PAST', `resumeOn must be after today (${this.today(c)})`);
        return;
      }
      case 'EXTEND': {
        const { days } = c.payload as unknown as ExtendEventDto;
        const max = this.packs.forRegion(n.region).coordinationExtensionMax.as('days');
        if (days > max) throw unprocessable('NEGOTIATION.EXTENSION_TOO_LONG', `coordination may be extended by at most ${max} days`);
        return;
      }
      case 'RECORD_VOTE': {
        const problems = impossibleTally(c.payload as unknown as RecordVoteEventDto);
        if (problems.length) throw unprocessable('VOTE.IMPOSSIBLE_TALLY', problems);
        return;
      }
      case 'RESPOND_TO_OPINIONS':
        await this.checkEveryOpinionAnswered(c);
        return;
      case 'PUBLISH':
        c.recorded.agreementId = randomUUID();
        if (n.kind === 'collective_contract') {
          const ctx = n.context as { effectiveFrom: string };
          const terms = agreedTerms(await this.rounds(c));
          const expiresOn = termExpiry(ctx.effectiveFrom, terms?.termMonths ?? 12, this.config.TZ_NAME);
          const renewalOpensAt = subtractFromDate(expiresOn, this.packs.forRegion(n.region).renewalWindow, this.config.TZ_NAME);
          c.machineExtras = { expiresOn, renewalOpensAt };
        }
        return;
      case 'REQUEST_BARGAINING': {
        const dto = c.payload as unknown as RequestBargainingEventDto;
        checkTerms(dto.proposal as Terms, 'collective_contract', n.region, this.wages);
        await this.seats.checkSide(c.manager, 'union', n.unionOrgId, dto.representatives);
        c.opens = {
          title: dto.title ?? `${n.title}（集体协商）`,
          proposal: dto.proposal as Terms,
          seats: { side: 'union', ...dto.representatives },
          reason: dto.reason,
        };
        return;
      }
      case 'REQUEST_RENEWAL': {
        const seats = await c.manager.find(Representative, { where: { negotiationId: n.id, side: 'union' } });
        const chief = seats.find((s) => s.chief)!;
        c.opens = {
          title: `${n.title}（续订）`,
          proposal: agreedTerms(await this.rounds(c))!,
          seats: { side: 'union', chief: chief.userId, members: seats.filter((s) => !s.chief).map((s) => s.userId) },
          reason: 'renewal requested in the last months of the term',
        };
        return;
      }
    }
  }

  /** Writes an accepted event's consequences, in the command's transaction. */
  async apply(c: Command): Promise<void> {
    const n = c.negotiation;
    const m = c.manager;
    const now = c.at.toISOString();
    switch (c.type) {
      case 'RESPOND': {
        const dto = c.payload as unknown as RespondEventDto;
        if (dto.accept) await this.seats.seat(m, n.id, 'enterprise', dto.representatives!);
        else await this.answerLatestRound(c, 'RESPOND');
        return;
      }
      case 'OFFER': {
        const dto = c.payload as unknown as OfferEventDto;
        const rounds = await this.rounds(c);
        const previous = rounds.at(-1) ?? null;
        if (previous && previous.answerType === null && previous.proposer !== side(c)) await this.answerLatestRound(c, 'OFFER');
        await m.insert(Round, {
          negotiationId: n.id,
          round: c.recorded.round as number,
          proposer: side(c),
          terms: dto.terms as Terms,
          changes: diffTerms(previous?.terms ?? null, dto.terms as Terms),
          note: dto.note ?? null,
          proposedBy: c.user!.id,
          proposedAt: now,
          answerType: null,
          answerBy: null,
          answerAt: null,
        });
        return;
      }
      case 'ACCEPT':
        await this.answerLatestRound(c, 'ACCEPT', (c.payload as unknown as AcceptEventDto).note);
        return;
      case 'COMMENT': {
        await m.insert(Comment, {
          id: c.recorded.commentId as string,
          negotiationId: n.id,
          authorId: c.user!.id,
          authorRole: c.user!.role,
          text: (c.payload as unknown as CommentEventDto).text,
          createdAt: now,
          adopted: null,
          answerReason: null,
          answeredAt: null,
        });
        return;
      }
      case 'RESPOND_TO_OPINIONS':
        for (const answer of (c.payload as unknown as RespondToOpinionsEventDto).answers)
          await m.update(Comment, { id: answer.commentId }, { adopted: answer.adopted, answerReason: answer.reason, answeredAt: now });
        return;
      case 'EXTEND':
        await this.deadlines.extend(m, n.id, 'coordination', (c.payload as unknown as ExtendEventDto).days);
        return;
      case 'PUBLISH':
        await this.publish(c);
        return;
    }
  }

  /** Marks the offer on the table as answered. */
  private async answerLatestRound(c: Command, answerType: string, note?: string): Promise<void> {
    const latest = (await this.rounds(c)).at(-1)!;
    await c.manager.update(
      Round,
      { negotiationId: c.negotiation.id, round: latest.round },
      { answerType, answerBy: c.user?.id ?? 'system', answerAt: c.at.toISOString(), ...(note ? { note: latest.note ? `${latest.note}\n${note}` : note } : {}) },
    );
  }

  private async checkEveryOpinionAnswered(c: Command): Promise<void> {
    const { answers } = c.payload as unknown as RespondToOpinionsEventDto;
    const comments = await c.manager.find(Comment, { where: { negotiationId: c.negotiation.id }, select: { id: true } });
    const known = new Set(comments.map((x) => x.id));
    const answered = answers.map((a) => a.commentId);
    const problems = [
      ...answered.filter((id) => !known.has(id)).map((id) => `comment ${id} is not an opinion on this consultation`),
      ...answered.filter((id, i) => answered.indexOf(id) !== i).map((id) => `comment ${id} is answered twice`),
      ...[...known].filter((id) => !answered.includes(id)).map((id) => `comment ${id} has no answer`),
    ];
    if (problems.length) throw new DomainError(422, 'CONSULTATION.OPINIONS_UNANSWERED', problems);
  }

  /** 公示: one agreement row, whatever the number of workers covered (fan-out-on-read). */
  private async publish(c: Command): Promise<void> {
    const n = c.negotiation;
    const rounds = await this.rounds(c);
    const isContract = n.kind === 'collective_contract';
    const ctx = c.nextContext as { effectiveFrom?: string; expiresOn?: string };
    const opinions = isContract
      ? null
      : (await c.manager.find(Comment, { where: { negotiationId: n.id }, order: { createdAt: 'ASC' } })).map((x) => ({
          commentId: x.id,
          text: x.text,
          adopted: Boolean(x.adopted),
          reason: x.answerReason ?? '',
        }));
    const agreement: Agreement = {
      id: c.recorded.agreementId as string,
      negotiationId: n.id,
      kind: n.kind,
      title: n.title,
      industry: n.industry,
      region: n.region,
      scope: n.scope,
      terms: isContract ? agreedTerms(rounds)! : rounds[0].terms,
      opinions,
      effectiveFrom: isContract ? ctx.effectiveFrom! : this.today(c),
      expiresOn: isContract ? ctx.expiresOn! : null,
      publishedAt: c.at.toISOString(),
      auditHead: c.auditHead,
    };
    await c.manager.insert(Agreement, agreement as never);
    await this.webhooks.enqueue(c.manager, agreement, c.at);
    c.published = agreement;
  }
}
