import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In, IsNull } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Worker } from '../accounts/worker.entity';
import { coveredWorkersCondition, covers } from '../agreements/coverage';
import { Clock } from '../common/clock';
import { DomainError, unprocessable } from '../common/domain-error';
import { endOfDate } from '../deadlines/due-at';
import { Scope } from '../negotiations/negotiation.types';
import { VoteTally } from '../negotiations/ratification';
import { BallotChoices, BallotReceipt } from './ballot-box.entity';
import { Ballot, BallotDelegate } from './ballot.entity';
import { BallotBody, delegateProblems, everyoneHasVoted, receiptsDigester, rollMismatch, tallyOf } from './ballot-rules';

export interface BallotOpening {
  negotiationId: string;
  scope: Scope;
  body: BallotBody;
  closesOn: string;
  delegates?: string[];
  at: Date;
  /** Today in the deployment's zone, and the zone the closing day ends in. */
  today: string;
  zone: string;
}

/** An opening whose checks passed: the roll, fixed. */
export interface BallotRoll extends BallotOpening {
  ballotId: string;
  eligible: number;
  closesAt: Date;
  delegateRows: BallotDelegate[];
}

/** What the chain records of a close: the count and the digest of the receipts. */
export interface BallotCount {
  ballotId: string;
  tally: VoteTally;
  everyoneVoted: boolean;
  receiptsSha256: string;
}

/** The receipts are read in pages of this many (a roll of 10⁶ never sits in memory at once). */
const RECEIPT_PAGE = 10_000;
/** How long a view may show a covered-worker count before counting again. */
const VIEW_COUNT_MS = 10_000;
/** IN lists are cut to stay under SQLite's bound-parameter limit. */
const IN_CHUNK = 500;

/**
 * The ballots module's side of the negotiation write path: the roll (its size, the delegates),
 * opening a ballot and closing it with its count. Each runs in the caller's transaction and
 * writes only ballot rows.
 */
@Injectable()
export class BallotsService {
  private readonly recentCounts = new Map<string, { at: number; count: number }>();

  constructor(private readonly clock: Clock) {}

  /**
   * `covered` for the negotiation views, counted at most every VIEW_COUNT_MS per scope: with 10⁶
   * covered workers a COUNT takes a good part of a second, and a list page shows twenty views.
   * The rules (a ballot's roll, RECORD_VOTE's eligible) always count afresh with covered().
   */
  async coveredForView(m: EntityManager, scope: Scope): Promise<number> {
    const key = JSON.stringify([scope.industry, scope.region, [...scope.enterpriseIds].sort(), [...scope.workerCategories].sort()]);
    const now = this.clock.now().getTime();
    const recent = this.recentCounts.get(key);
    if (recent && now - recent.at >= 0 && now - recent.at < VIEW_COUNT_MS) return recent.count;
    const count = await this.covered(m, scope);
    if (this.recentCounts.size > 10_000) this.recentCounts.clear();
    this.recentCounts.set(key, { at: now, count });
    return count;
  }

  /** How many workers the scope covers now: the roll of an `all_workers` ballot opened now. */
  covered(m: EntityManager, scope: Scope, registeredBy?: Date): Promise<number> {
    const { where, params } = coveredWorkersCondition(scope);
    const qb = m.createQueryBuilder(Worker, 'w').where(where, params);
    if (registeredBy) qb.andWhere('w.created_at <= :registeredBy', { registeredBy: registeredBy.toISOString() });
    return qb.getCount();
  }

  /** The delegates as a roll: each a covered worker's account, named once; 422 naming every one that is not. */
  async delegates(m: EntityManager, scope: Scope, userIds: string[]): Promise<BallotDelegate[]> {
    const users: User[] = [];
    const unique = [...new Set(userIds)];
    for (let i = 0; i < unique.length; i += IN_CHUNK)
      users.push(...(await m.find(User, { where: { id: In(unique.slice(i, i + IN_CHUNK)), role: 'worker' } })));
    const workerIds = users.flatMap((u) => (u.workerId ? [u.workerId] : []));
    const workers: Worker[] = [];
    for (let i = 0; i < workerIds.length; i += IN_CHUNK) workers.push(...(await m.find(Worker, { where: { id: In(workerIds.slice(i, i + IN_CHUNK)) } })));
    const coveredWorker = new Map(workers.filter((w) => covers(scope, w)).map((w) => [w.id, w]));
    const coveredWorkerOf = new Map(users.filter((u) => u.workerId && coveredWorker.has(u.workerId)).map((u) => [u.id, u.workerId!]));
    const problems = delegateProblems(userIds, coveredWorkerOf);
    if (problems.length) throw unprocessable('VOTE.DELEGATES_INVALID', problems);
    return userIds.map((userId) => ({ ballotId: '', userId, workerId: coveredWorkerOf.get(userId)! }));
  }

  /** RECORD_VOTE (a congress in a hall): `eligible` must be the roll — the covered workers, or the delegates named. */
  async checkRecordedVote(m: EntityManager, scope: Scope, vote: { eligible: number; delegates?: string[] }): Promise<void> {
    const body: BallotBody = vote.delegates ? 'delegates' : 'all_workers';
    const roll = vote.delegates ? (await this.delegates(m, scope, vote.delegates)).length : await this.covered(m, scope);
    const mismatch = rollMismatch(vote.eligible, roll, body);
    if (mismatch) throw unprocessable('VOTE.ELIGIBLE_MISMATCH', mismatch);
  }

  /**
   * OPEN_BALLOT's checks and roll (422 when it cannot open). For `all_workers` the roll is a
   * count and a rule — the workers the scope covers, registered by now — so opening costs one
   * COUNT whatever the number of workers; for `delegates`, the people named.
   */
  async roll(m: EntityManager, o: BallotOpening): Promise<BallotRoll> {
    if (o.closesOn < o.today) throw unprocessable('BALLOT.CLOSES_IN_PAST', `closesOn must be today (${o.today}) or later`);
    const delegates = o.body === 'delegates' ? await this.delegates(m, o.scope, o.delegates ?? []) : [];
    const eligible = o.body === 'delegates' ? delegates.length : await this.covered(m, o.scope, o.at);
    if (eligible === 0) throw unprocessable('BALLOT.EMPTY_ROLL', 'the scope covers no registered worker: nobody could vote');
    return { ...o, ballotId: randomUUID(), eligible, closesAt: endOfDate(o.closesOn, o.zone), delegateRows: delegates };
  }

  /** Opens the ballot on the roll fixed by roll(), in the same transaction. */
  async open(m: EntityManager, o: BallotRoll): Promise<void> {
    const { ballotId, eligible, closesAt, delegateRows: delegates } = o;
    await m.createQueryBuilder().insert().into(Ballot).values({
      id: ballotId,
      negotiationId: o.negotiationId,
      body: o.body,
      industry: o.scope.industry,
      region: o.scope.region,
      scope: o.scope,
      eligible,
      cast: 0,
      closesOn: o.closesOn,
      closesAt: closesAt.toISOString(),
      openedAt: o.at.toISOString(),
      closedAt: null,
      receiptsSha256: null,
    }).execute();
    await m.createQueryBuilder().insert().into(BallotChoices).values({ ballotId, inFavour: 0, against: 0, abstained: 0 }).execute();
    for (let i = 0; i < delegates.length; i += IN_CHUNK)
      await m.createQueryBuilder().insert().into(BallotDelegate).values(delegates.slice(i, i + IN_CHUNK).map((d) => ({ ...d, ballotId }))).execute();
  }

  /** The negotiation's open ballot (not yet closed), if any. */
  openBallot(m: EntityManager, negotiationId: string): Promise<Ballot | null> {
    return m.findOne(Ballot, { where: { negotiationId, closedAt: IsNull() } });
  }

  /** The negotiation's latest ballot, open or closed. */
  latest(m: EntityManager, negotiationId: string): Promise<Ballot | null> {
    return m.findOne(Ballot, { where: { negotiationId }, order: { openedAt: 'DESC' } });
  }

  /**
   * Closes the open ballot and counts it: from this statement on no ballot is accepted (a cast
   * claims the same row), then the counters are read and the receipts digested.
   */
  async close(m: EntityManager, negotiationId: string, at: Date): Promise<BallotCount> {
    const closing = await m
      .createQueryBuilder()
      .update(Ballot)
      .set({ closedAt: at.toISOString() })
      .where('negotiation_id = :negotiationId AND closed_at IS NULL', { negotiationId })
      .execute();
    if (closing.affected !== 1) throw new DomainError(409, 'BALLOT.NOT_OPEN', 'no ballot is open on this negotiation');
    const ballot = (await this.latest(m, negotiationId))!;
    const counts = await m.findOneByOrFail(BallotChoices, { ballotId: ballot.id });
    const digester = receiptsDigester();
    await this.eachReceipt(m, ballot.id, (h) => digester.add(h));
    const receiptsSha256 = digester.digest();
    await m.createQueryBuilder().update(Ballot).set({ receiptsSha256 }).where('id = :id', { id: ballot.id }).execute();
    return { ballotId: ballot.id, tally: tallyOf(ballot.eligible, counts), everyoneVoted: everyoneHasVoted(ballot), receiptsSha256 };
  }

  /** Every receipt hash of a ballot, in order. */
  async receipts(m: EntityManager, ballotId: string): Promise<string[]> {
    const hashes: string[] = [];
    await this.eachReceipt(m, ballotId, (h) => hashes.push(h));
    return hashes;
  }

  /** The receipt hashes in order, page by page (keyset paging on the primary key). */
  private async eachReceipt(m: EntityManager, ballotId: string, visit: (hash: string) => void): Promise<void> {
    let after = '';
    for (;;) {
      const page = await m
        .createQueryBuilder(BallotReceipt, 'r')
        .select('r.receipt_sha256', 'h')
        .where('r.ballot_id = :ballotId AND r.receipt_sha256 > :after', { ballotId, after })
        .orderBy('r.receipt_sha256', 'ASC')
        .limit(RECEIPT_PAGE)
        .getRawMany<{ h: string }>();
      for (const r of page) visit(r.h);
      if (page.length < RECEIPT_PAGE) return;
      after = page.at(-1)!.h;
    }
  }
}
