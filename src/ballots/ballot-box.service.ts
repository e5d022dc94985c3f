import { Injectable } from '@nestjs/common';
import { EntityManager, In, MoreThan } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { WorkerCoverageChange } from '../accounts/worker-coverage-change.entity';
import { covers } from '../agreements/coverage';
import { regionAncestors } from '../common/regions';
import { Clock } from '../common/clock';
import { DomainError, forbidden, notFound } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { Relation } from '../negotiations/negotiation-permissions';
import { Negotiation } from '../negotiations/negotiation.entity';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { isRatified } from '../negotiations/ratification';
import { BallotChoices, BallotParticipation, BallotReceipt } from './ballot-box.entity';
import { Ballot, BallotDelegate } from './ballot.entity';
import { BallotBody, BallotChoice, COUNTER_OF, isOpenAt, legacyReceiptHash, newReceipt, receiptHash, tallyOf } from './ballot-rules';
import { BallotsService } from './ballots.service';

export interface BallotView {
  body: BallotBody;
  eligible: number;
  cast: number;
  closesOn: string;
  open: boolean;
  mine: { onRoll: boolean; voted: boolean };
  /** After the close only: the count, and every receipt's hash so a voter can find theirs. */
  result?: { eligible: number; present: number; inFavour: number; against: number; abstained: number; ratified: boolean };
  receipts?: string[];
  receiptsSha256?: string;
}

const closed = () => new DomainError(409, 'BALLOT.CLOSED', 'the ballot has closed');
const notOnRoll = () => forbidden('BALLOT.NOT_ON_ROLL', 'you are not on the roll of this ballot');

/**
 * Casting and reading a ballot (API.md "Ratification by the workers themselves"). A cast writes
 * who voted, the choice's counter and the receipt's hash in one transaction, and returns the
 * receipt itself only to the voter: it is stored nowhere.
 */
@Injectable()
export class BallotBoxService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly negotiations: NegotiationsService,
    private readonly ballots: BallotsService,
  ) {}

  async cast(user: AuthUser, negotiationId: string, choice: BallotChoice): Promise<{ receipt: string }> {
    return this.tx.run(async (m) => {
      // a worker the ballot's scope does not cover is off the roll (403), not shown a 404
      const relation = await this.relationOf(m, user, negotiationId, notOnRoll);
      const ballot = await this.ballots.latest(m, negotiationId);
      if (!ballot) throw new DomainError(409, 'BALLOT.NOT_OPEN', 'no ballot is open on this negotiation');
      const at = this.clock.now();
      if (!isOpenAt(ballot, at)) throw closed();
      const worker = await this.workerOf(m, user, relation);
      if (!worker || !(await this.onRoll(m, ballot, worker))) throw notOnRoll();
      // the claim on the ballot row serialises casts with the close: a ballot is counted or refused, never lost
      const claimed = await m
        .createQueryBuilder()
        .update(Ballot)
        .set({ cast: () => 'cast_count + 1' })
        .where('id = :id AND closed_at IS NULL AND cast_count < eligible', { id: ballot.id })
        .execute();
      if (claimed.affected === 1 ? false : (await m.findOneByOrFail(Ballot, { id: ballot.id })).closedAt !== null) throw closed();
      // after the claim: a second cast of the same worker racing the first waits for it, then sees it
      if (await m.existsBy(BallotParticipation, { ballotId: ballot.id, workerId: worker.id }))
        throw new DomainError(409, 'BALLOT.ALREADY_VOTED', 'you have already voted in this ballot');
      // a worker who moved into the scope after the opening cannot push turnout past the roll
      if (claimed.affected !== 1) throw new DomainError(409, 'BALLOT.ROLL_COMPLETE', 'as many ballots as the roll has places have been cast');
      const receipt = newReceipt();
      const counter = { inFavour: 'in_favour', against: 'against', abstained: 'abstained' }[COUNTER_OF[choice]];
      await m.createQueryBuilder().insert().into(BallotParticipation).values({ ballotId: ballot.id, workerId: worker.id }).execute();
      await m
        .createQueryBuilder()
        .update(BallotChoices)
        .set({ [COUNTER_OF[choice]]: () => `${counter} + 1` })
        .where('ballot_id = :id', { id: ballot.id })
        .execute();
      await m.createQueryBuilder().insert().into(BallotReceipt).values({ ballotId: ballot.id, receiptSha256: receiptHash(receipt) }).execute();
      return { receipt };
    });
  }

  /** Turnout while open (never a running count of choices); the result and the receipts after the close. */
  async view(user: AuthUser, negotiationId: string): Promise<BallotView> {
    const m = this.tx.manager;
    const relation = await this.relationOf(m, user, negotiationId);
    if (relation.party === 'admin') throw forbidden('BALLOT.NOT_YOURS_TO_SEE', "a ballot is seen by the negotiation's parties, the bureau and covered workers");
    const ballot = await this.ballots.latest(m, negotiationId);
    if (!ballot) throw notFound('ballot');
    const worker = await this.workerOf(m, user, relation);
    const onRoll = worker ? await this.onRoll(m, ballot, worker) : false;
    const voted = onRoll && worker ? await m.existsBy(BallotParticipation, { ballotId: ballot.id, workerId: worker.id }) : false;
    const view: BallotView = {
      body: ballot.body,
      eligible: ballot.eligible,
      cast: ballot.cast,
      closesOn: ballot.closesOn,
      open: isOpenAt(ballot, this.clock.now()),
      mine: { onRoll, voted },
    };
    if (!ballot.closedAt) return view;
    const tally = tallyOf(ballot.eligible, await m.findOneByOrFail(BallotChoices, { ballotId: ballot.id }));
    return {
      ...view,
      result: { ...tally, ratified: isRatified(tally) },
      receipts: await this.ballots.receipts(m, ballot.id),
      receiptsSha256: ballot.receiptsSha256!,
    };
  }

  /** Whether a receipt (as the voter types it) is among a closed ballot's counted receipts. */
  async checkReceipt(user: AuthUser, negotiationId: string, receipt: string): Promise<boolean> {
    const m = this.tx.manager;
    await this.relationOf(m, user, negotiationId);
    const ballot = await this.ballots.latest(m, negotiationId);
    if (!ballot?.closedAt) return false;
    // a ballot counted before receipts were hashed with their dashes holds the older hashes
    return m.existsBy(BallotReceipt, { ballotId: ballot.id, receiptSha256: In([receiptHash(receipt), legacyReceiptHash(receipt)]) });
  }

  /** The title of a negotiation whose ballot the caller has already been allowed to read. */
  async titleOf(negotiationId: string): Promise<string> {
    return (await this.tx.manager.findOne(Negotiation, { where: { id: negotiationId }, select: { id: true, title: true } }))?.title ?? '';
  }

  /** The ballots of drafts that cover the worker, newest first, with the negotiation's title: 我的通知 → 表决. */
  async forWorker(user: AuthUser, limit = 20): Promise<Array<{ negotiationId: string; title: string; ballot: BallotView }>> {
    const m = this.tx.manager;
    const worker = user.workerId ? await m.findOneBy(Worker, { id: user.workerId }) : null;
    if (user.role !== 'worker' || !worker) return [];
    const candidates = await m.find(Ballot, {
      where: { industry: worker.industry, region: In(regionAncestors(worker.region)) },
      order: { openedAt: 'DESC' },
      take: 200,
    });
    // the latest ballot of each negotiation only: an earlier one was superseded
    const latest = candidates.filter((b, i) => covers(b.scope, worker) && candidates.findIndex((x) => x.negotiationId === b.negotiationId) === i);
    const titles = new Map(
      (await m.find(Negotiation, { where: { id: In(latest.map((b) => b.negotiationId)) }, select: { id: true, title: true } })).map((n) => [n.id, n.title]),
    );
    const items = [];
    for (const b of latest.slice(0, limit)) items.push({ negotiationId: b.negotiationId, title: titles.get(b.negotiationId) ?? '', ballot: await this.view(user, b.negotiationId) });
    return items.filter((i) => i.ballot.mine.onRoll);
  }

  /**
   * How the caller stands to the negotiation, for its ballot. A worker the ballot's scope covers
   * may read it even after a failed vote has taken the draft back to the table (where workers do
   * not see the negotiation itself): they voted, they are owed the result.
   */
  /** `uncovered`: what a worker the ballot's scope does not cover is told (else the negotiation's own 404). */
  private async relationOf(m: EntityManager, user: AuthUser, negotiationId: string, uncovered?: () => DomainError): Promise<Relation> {
    if (user.role === 'worker') {
      // one after another: inside a transaction the manager holds a single PostgreSQL connection
      const ballot = await this.ballots.latest(m, negotiationId);
      const worker = user.workerId ? await m.findOneBy(Worker, { id: user.workerId }) : null;
      if (ballot && worker && covers(ballot.scope, await this.asAtOpening(m, ballot, worker))) return { party: 'worker', chief: false, representative: false };
      if (ballot && uncovered) throw uncovered();
    }
    return (await this.negotiations.load(m, user, negotiationId))[1];
  }

  private async workerOf(m: EntityManager, user: AuthUser, relation: Relation): Promise<Worker | null> {
    if (relation.party !== 'worker' || !user.workerId) return null;
    return m.findOneBy(Worker, { id: user.workerId });
  }

  /** On the roll fixed at opening: a named delegate, or a worker the scope covered then (registered by then, and where they were then). */
  private async onRoll(m: EntityManager, ballot: Ballot, worker: Worker): Promise<boolean> {
    if (ballot.body === 'delegates') return m.existsBy(BallotDelegate, { ballotId: ballot.id, workerId: worker.id });
    return worker.createdAt <= ballot.openedAt && covers(ballot.scope, await this.asAtOpening(m, ballot, worker));
  }

  /**
   * The worker as they were when the ballot opened: an import that has moved them since (another
   * region or category) left what covered them before (workers.service.ts). Neither the platform
   * nor anyone else changes the roll by moving workers in or out of the scope.
   */
  private async asAtOpening(m: EntityManager, ballot: Ballot, worker: Worker): Promise<Worker> {
    const then = await m.findOne(WorkerCoverageChange, { where: { workerId: worker.id, until: MoreThan(ballot.openedAt) }, order: { until: 'ASC' } });
    return then ? { ...worker, enterpriseId: then.enterpriseId, industry: then.industry, region: then.region, category: then.category } : worker;
  }
}
