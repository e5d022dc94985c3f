import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Agreement } from '../agreements/agreement.entity';
import { Publications } from '../agreements/publications';
import { DomainError, badRequest, forbidden, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { selectRows } from '../database/rows';
import { AgreedDates, contractTerm } from '../deadlines/deadline-plan';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { RulePacks } from '../deadlines/rule-pack';
import { MinimumWageTable } from '../terms/minimum-wage';
import { TERM_MONTHS, Terms } from '../terms/terms';
import { diffTerms } from '../terms/terms-comparison';
import { checkTerms } from '../terms/terms-rules';
import { Comment } from './comment.entity';
import { EVENT_DTOS, EventType } from './dto/events.dto';
import { NegotiationOpening, Opening } from './negotiation-opening';
import { Relation } from './negotiation-permissions';
import { agreedTerms } from './negotiation-view';
import { Negotiation } from './negotiation.entity';
import { Side } from './negotiation.types';
import { impossibleTally } from './ratification';
import { SeatChecks } from './seat-checks';
import { SeatEvents } from './seat-events';
import { UnitRounds } from './unit-rounds';
import { BallotsService } from '../ballots/ballots.service';
import { everyoneHasVoted } from '../ballots/ballot-rules';

/** An event's payload as its DTO declares it, without the `type` tag. */
export type EventPayload<E extends EventType> = Omit<InstanceType<(typeof EVENT_DTOS)[E]>, 'type'>;

/** What an entry is given: the negotiation as loaded once by the pipeline, and the sender. */
export interface EventInput<E extends EventType> {
  manager: EntityManager;
  negotiation: Negotiation;
  payload: EventPayload<E>;
  user: AuthUser;
  relation: Relation;
  at: Date;
  /** Today's date in the configured zone. */
  today: string;
  /** The negotiation's rounds, each read once per event; new offers and answers are written through it. */
  rounds: UnitRounds;
}

/** What an entry for a system event is given (no sender, no payload of its own). */
export interface FiredInput {
  manager: EntityManager;
  negotiation: Negotiation;
  at: Date;
}

/** The negotiation as the pipeline has just written it. */
export interface Transitioned {
  state: string;
  context: Record<string, unknown>;
  /** The chain's head after this event's entry: publications carry it. */
  auditHead: string;
}

/** What an entry decided, before anything is written. Every field is optional. */
export interface Plan {
  /** Added to the chain entry (round number, ids of rows `write` creates): fixed before hashing. */
  recorded?: Record<string, unknown>;
  /** Added to the machine event: facts from the database the machine needs (PUBLISH's term). */
  machine?: Record<string, unknown>;
  /** Dates the clocks of the state entered need (SUSPEND's resumption, PUBLISH's term). */
  clocks?: AgreedDates;
  /** The chain names no actor (ANONYMOUS_WORKER): a worker's opinion, which the enterprise must not trace to them. */
  anonymous?: boolean;
  /** A linked negotiation, opened in the same transaction after the write. */
  opens?: Opening;
  /** The event's own rows, after the negotiation row and its chain entry; a publication is returned to be announced. */
  write?: (after: Transitioned) => Promise<Agreement | void>;
}

type EventTable = { [E in EventType]?: (c: EventInput<E>) => Promise<Plan> | Plan };

/**
 * A rule change's proposal as the opening proposal of the collective negotiation the union
 * asks for over it: a collective contract runs for a term, the shortest 集体合同规定 art. 38
 * allows (TERM_MONTHS.min) unless the proposal names one.
 */
const asOpeningProposal = (terms: Terms): Terms => ({ ...terms, termMonths: terms.termMonths ?? TERM_MONTHS.min });

/** The sender's side at the table; entries that use it are sent only by a side (permissions). */
const sideOf = (relation: Relation): Side => (relation.party === 'enterprise' ? 'enterprise' : 'union');

@Injectable()
export class NegotiationEvents {
  constructor(
    private readonly config: AppConfig,
    private readonly wages: MinimumWageTable,
    private readonly packs: RulePacks,
    private readonly deadlines: DeadlinesService,
    private readonly seats: SeatChecks,
    private readonly opening: NegotiationOpening,
    private readonly publications: Publications,
    private readonly seatEvents: SeatEvents,
    private readonly ballots: BallotsService,
  ) {}

  /**
   * One entry per event that checks substance (422) or writes rows: its checks run first and
   * throw; what it returns says what to record and write. Events without an entry only move
   * the machine and go on the chain. Adding an event = its DTO (dto/events.dto.ts, EVENT_DTOS),
   * its row in negotiation-permissions.ts, its transition in the machine, and — if it checks
   * or writes anything — one entry here. Nothing else in the pipeline changes.
   */
  private readonly entries: EventTable = {
    RESPOND: async (c) => {
      const { accept, representatives } = c.payload;
      // API.md: the enterprise negotiator who accepts is the chief the answer names
      if (accept && representatives && representatives.chief !== c.user.id)
        throw forbidden('NEGOTIATION.RESPOND_NOT_CHIEF', 'RESPOND is sent by the chief it names');
      if (accept && representatives) {
        await this.seats.checkEnterpriseAnswer(c.manager, c.negotiation, representatives);
        return { write: () => this.seats.seat(c.manager, c.negotiation.id, 'enterprise', representatives) };
      }
      return { write: () => this.answerLatestRound(c, 'RESPOND') };
    },

    OFFER: (c) => {
      const { terms, note } = c.payload;
      checkTerms(terms, c.negotiation.kind, c.negotiation.region, this.wages);
      const round = (c.negotiation.context as { round: number }).round + 1;
      const side = sideOf(c.relation);
      return {
        recorded: { round },
        write: async () => {
          const previous = await c.rounds.latest();
          if (previous && previous.answerType === null && previous.proposer !== side) await this.answerLatestRound(c, 'OFFER');
          await c.rounds.add({
            negotiationId: c.negotiation.id,
            round,
            proposer: side,
            terms,
            changes: diffTerms(previous?.terms ?? null, terms),
            note: note ?? null,
            proposedBy: c.user.id,
            proposedAt: c.at.toISOString(),
            answerType: null,
            answerBy: null,
            answerAt: null,
          });
        },
      };
    },

    ACCEPT: async (c) => ({
      recorded: { round: (await c.rounds.latest())!.round },
      write: () => this.answerLatestRound(c, 'ACCEPT', c.payload.note),
    }),

    // a worker's opinion is theirs to give without the enterprise learning whose it is: the
    // comment row keeps the author (for the union), the chain does not (the enterprise reads it)
    COMMENT: (c) => {
      const commentId = randomUUID();
      return {
        recorded: { commentId },
        anonymous: c.user.role === 'worker',
        write: async () => {
          await c.manager.insert(Comment, {
            id: commentId,
            negotiationId: c.negotiation.id,
            authorId: c.user.id,
            authorRole: c.user.role,
            text: c.payload.text,
            createdAt: c.at.toISOString(),
            adopted: null,
            answerReason: null,
            answeredAt: null,
          });
        },
      };
    },

    SUSPEND: (c) => {
      const { resumeOn } = c.payload;
      if (resumeOn <= c.today) throw unprocessable('NEGOTIATION.RESUME_DATE_PAST', `resumeOn must be after today (${c.today})`);
      return { clocks: { resumeOn } };
    },

    EXTEND: (c) => {
      const { days } = c.payload;
      const max = this.packs.forRegion(c.negotiation.region).coordinationExtensionMax.as('days');
      if (days > max) throw unprocessable('NEGOTIATION.EXTENSION_TOO_LONG', `coordination may be extended by at most ${max} days`);
      return { write: () => this.deadlines.extend(c.manager, c.negotiation, 'coordination', days) };
    },

    RECORD_VOTE: async (c) => {
      // a count of the roll, not a number typed in: the covered workers, or the delegates named.
      // First: a tally of the wrong roll is that, whatever else is wrong with it (API.md)
      await this.ballots.checkRecordedVote(c.manager, c.negotiation.scope, c.payload);
      const problems = impossibleTally(c.payload);
      if (problems.length) throw unprocessable('VOTE.IMPOSSIBLE_TALLY', problems);
      // one spelling on the chain, whichever case the tool that hashed the sheet printed
      return { recorded: { countSheetSha256: c.payload.countSheetSha256.toLowerCase() } };
    },

    // ballots: the roll is fixed when the ballot opens; its clock runs beside the state's
    OPEN_BALLOT: async (c) => {
      const n = c.negotiation;
      // a list beside all_workers would go on the chain as if it meant something
      if (c.payload.body === 'all_workers' && c.payload.delegates !== undefined)
        throw badRequest('BALLOT.DELEGATES_NOT_TAKEN', 'delegates are named only for a ballot of delegates (body: delegates)');
      const roll = await this.ballots.roll(c.manager, { negotiationId: n.id, scope: n.scope, ...c.payload, at: c.at, today: c.today, zone: this.config.TZ_NAME });
      return {
        recorded: { ballotId: roll.ballotId, eligible: roll.eligible },
        write: async () => {
          await this.ballots.open(c.manager, roll);
          await this.deadlines.startUntil(c.manager, n.id, 'ballotClose', roll.closesAt);
        },
      };
    },

    CLOSE_BALLOT: (c) => this.countBallot(c.manager, c.negotiation, c.at),

    RESPOND_TO_OPINIONS: async (c) => {
      const { answers } = c.payload;
      await this.checkEveryOpinionAnswered(c, answers.map((a) => a.commentId));
      return {
        write: async () => {
          for (const answer of answers)
            await c.manager.update(Comment, { id: answer.commentId }, { adopted: answer.adopted, answerReason: answer.reason, answeredAt: c.at.toISOString() });
        },
      };
    },

    PUBLISH: async (c) => {
      const n = c.negotiation;
      const rounds = await c.rounds.all();
      const agreementId = randomUUID();
      const publish = (draft: Pick<Agreement, 'terms' | 'opinions' | 'effectiveFrom' | 'expiresOn'>, auditHead: string) =>
        this.publications.publish(c.manager, {
          ...draft,
          id: agreementId,
          negotiationId: n.id,
          kind: n.kind,
          title: n.title,
          industry: n.industry,
          region: n.region,
          scope: n.scope,
          publishedAt: c.at.toISOString(),
          auditHead,
        });
      if (n.kind === 'rule_change') {
        const comments = await c.manager.find(Comment, { where: { negotiationId: n.id }, order: { createdAt: 'ASC' } });
        const opinions = comments.map((x) => ({ commentId: x.id, text: x.text, adopted: Boolean(x.adopted), reason: x.answerReason ?? '' }));
        return {
          recorded: { agreementId },
          write: (after) => publish({ terms: rounds[0].terms, opinions, effectiveFrom: c.today, expiresOn: null }, after.auditHead),
        };
      }
      const terms = agreedTerms(rounds)!;
      const { effectiveFrom } = n.context as { effectiveFrom: string };
      const term = contractTerm(effectiveFrom, terms.termMonths ?? 12, this.packs.forRegion(n.region), this.config.TZ_NAME);
      return {
        recorded: { agreementId },
        machine: { ...term },
        clocks: { term },
        write: (after) => publish({ terms, opinions: null, effectiveFrom, expiresOn: term.expiresOn }, after.auditHead),
      };
    },

    // API.md's body is `{ reason }`: the seats and the opening proposal have defaults
    REQUEST_BARGAINING: async (c) => {
      const { title, proposal, representatives, reason } = c.payload;
      const opens = this.opening.linked(c.negotiation, {
        title: title ?? `${c.negotiation.title}（集体协商）`,
        proposal: proposal ?? asOpeningProposal((await c.rounds.latest())!.terms),
        seats: { side: 'union', ...(representatives ?? (await this.seats.fewestSeats(c.manager, 'union', c.negotiation, c.user.id))) },
        reason,
      });
      await this.opening.check(c.manager, opens);
      return { opens };
    },

    REQUEST_INFORMATION: (c) => ({ write: () => this.deadlines.startPeriod(c.manager, c.negotiation, 'informationRequest', c.at) }),

    // the order sample asked for (REQUEST_INFORMATION items: order_sample) has been handed over
    // (costing/): its clock stops; online time alone does not answer the request
    PROVIDE_INFORMATION: (c) => (c.payload.kind === 'orders' ? { write: () => this.deadlines.stop(c.manager, c.negotiation.id, 'informationRequest') } : {}),

    REQUEST_RENEWAL: async (c) => {
      // carries over what was already checked: the agreed terms and the union's seated representatives, experts among them
      const opens = this.opening.linked(c.negotiation, {
        title: `${c.negotiation.title}（续订）`,
        proposal: agreedTerms(await c.rounds.all())!,
        seats: { side: 'union', ...(await this.seats.seatsOf(c.manager, c.negotiation.id, 'union')) },
        reason: 'renewal requested in the last months of the term',
      });
      return { opens };
    },

    // — the table (集体合同规定 art. 31, 33; seat-events.ts) —
    REPLACE_SEAT: async (c) => {
      const change = await this.seatEvents.checkReplace(c.manager, c.negotiation, c.relation, c.payload);
      return { machine: { ...change }, write: () => this.seatEvents.applyReplace(c.manager, c.negotiation, c.payload, change) };
    },

    VACATE_SEAT: async (c) => {
      const change = await this.seatEvents.checkVacate(c.manager, c.negotiation, c.user, c.relation, c.payload);
      return { machine: { ...change }, write: () => this.seatEvents.applyVacate(c.manager, c.negotiation, c.payload, c.at) };
    },

    NAME_RECORDER: async (c) => {
      await this.seatEvents.checkRecorder(c.manager, c.negotiation, c.payload);
      return {};
    },
  };

  /** Entries for events the system sends when a clock runs out, where the event needs facts (the ballot's count). */
  private readonly firedEntries: Record<string, (c: FiredInput) => Promise<Plan>> = {
    BALLOT_PERIOD_ENDED: (c) => this.countBallot(c.manager, c.negotiation, c.at),
  };

  planFired(type: string, input: FiredInput): Promise<Plan> | Plan {
    const entry = this.firedEntries[type];
    return entry ? entry(input) : {};
  }

  /**
   * What the machine's guards read from other rows, before it is asked (for the 409 and for
   * `can`): with a ballot open, whether everyone on its roll has voted (CLOSE_BALLOT); in a
   * rule change's consultation, whether bargaining an earlier REQUEST_BARGAINING opened is
   * still going or made a contract (ended otherwise: withdrawn, terminated).
   */
  async facts(m: EntityManager, n: Negotiation): Promise<Record<string, unknown>> {
    if (n.kind === 'rule_change') {
      if (n.state !== 'consultation') return {};
      const linked = await selectRows(m, Negotiation, 'parent_id = ?', [n.id], { properties: ['state'] });
      return { bargainingOpen: linked.some((l) => l.state !== 'withdrawn' && l.state !== 'terminated') };
    }
    if (!(n.context as { ballotOpen?: boolean }).ballotOpen) return {};
    const open = await this.ballots.openBallot(m, n.id);
    return { everyoneVoted: open !== null && everyoneHasVoted(open) };
  }

  /**
   * A ballot's close: closing it and counting it are one step (from the close on, a cast is
   * refused), so it happens here, before the machine applies art. 36 to the count.
   */
  private async countBallot(m: EntityManager, n: Negotiation, at: Date): Promise<Plan> {
    const count = await this.ballots.close(m, n.id, at);
    return { machine: { ...count.tally, everyoneVoted: count.everyoneVoted }, recorded: { ballotId: count.ballotId, receiptsSha256: count.receiptsSha256 } };
  }

  /** The entry's plan for one event (checks run here, and throw). */
  plan<E extends EventType>(type: E, input: EventInput<E>): Promise<Plan> | Plan {
    const entry = this.entries[type];
    return entry ? entry(input) : {};
  }

  /** Marks the offer on the table as answered. */
  private async answerLatestRound(c: EventInput<EventType>, answerType: string, note?: string): Promise<void> {
    const latest = (await c.rounds.latest())!;
    await c.rounds.answer(latest, { answerType, answerBy: c.user.id, answerAt: c.at.toISOString(), ...(note ? { note: latest.note ? `${latest.note}\n${note}` : note } : {}) });
  }

  private async checkEveryOpinionAnswered(c: EventInput<'RESPOND_TO_OPINIONS'>, answered: string[]): Promise<void> {
    const comments = await c.manager.find(Comment, { where: { negotiationId: c.negotiation.id }, select: { id: true } });
    const known = new Set(comments.map((x) => x.id));
    const problems = [
      ...answered.filter((id) => !known.has(id)).map((id) => `comment ${id} is not an opinion on this consultation`),
      ...answered.filter((id, i) => answered.indexOf(id) !== i).map((id) => `comment ${id} is answered twice`),
      ...[...known].filter((id) => !answered.includes(id)).map((id) => `comment ${id} has no answer`),
    ];
    if (problems.length) throw new DomainError(422, 'CONSULTATION.OPINIONS_UNANSWERED', problems);
  }
}
