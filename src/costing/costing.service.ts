import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuthUser } from '../accounts/auth-user';
import { Clock } from '../common/clock';
import { badRequest, forbidden, notFound, unprocessable } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { IdempotencyStore, fingerprint } from '../idempotency/idempotency.store';
import { NegotiationsService } from '../negotiations/negotiations.service';
import { Round } from '../negotiations/round.entity';
import { MinimumWageTable } from '../terms/minimum-wage';
import { Terms } from '../terms/terms';
import { CostingFigures, costTerms, deltaPercent } from './costing';
import { CurrentTerms, OrderSample } from './costing.entities';
import { OnlineDays, RiderDays } from './rider-day';
import { ReadRow, SampleFormatError, SampleKind, readSample, sampleNames } from './sample-reader';
import { SampleStore } from './sample-store';

export interface SampleUpload {
  sampleId: string;
  kind: SampleKind;
  rows: number;
  riderDays: number;
  rejected: Array<{ line: number; message: string }>;
  rejectedCount: number;
  sha256: string;
}

export interface CostingLine extends CostingFigures {
  /** `current` (the rules riders are paid by today), `union` / `enterprise` (a side's offer). */
  label: 'current' | 'union' | 'enterprise';
  round: number | null;
  deltaPercentVsCurrent: number | null;
}

const sampleView = (s: OrderSample | null) => s && { sampleId: s.id, rows: s.rows, riderDays: s.riderDays, sha256: s.sha256, uploadedAt: s.uploadedAt };

/**
 * Costing offers from the platform's own data (API.md "Costing offers"): the enterprise hands
 * over an order sample and an online-time sample and declares the rules riders are paid by
 * today; both sides and the bureau then see what each offer means per rider-hour. Handing over
 * and declaring are events on the negotiation's chain (the SHA-256 and counts of each sample).
 */
@Injectable()
export class CostingService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly negotiations: NegotiationsService,
    private readonly store: SampleStore,
    private readonly wages: MinimumWageTable,
    private readonly idempotency: IdempotencyStore,
  ) {}

  /**
   * `repeatable`: the request's Idempotency-Key and URL. A streamed body cannot be fingerprinted
   * before it is read, so the key is taken once it has been, with the sample's SHA-256 for the
   * body: a retried upload (a timeout on a large sample) gets the first answer and stores
   * nothing twice; the same key with other bytes is 422.
   */
  async upload(
    user: AuthUser,
    negotiationId: string,
    kind: SampleKind,
    format: 'csv' | 'jsonl',
    body: AsyncIterable<Buffer>,
    repeatable?: { key: string; url: string },
  ): Promise<SampleUpload> {
    // who and whether before a byte is read: a sample may be large
    await this.negotiations.assertMaySend(user, negotiationId, 'PROVIDE_INFORMATION');
    const names = sampleNames();
    const orders = new RiderDays(names);
    const online = new OnlineDays(names);
    const read = await readSample(
      body,
      kind,
      format,
      (row) => {
        if (kind === 'online_time') return online.addNumbered(row.rider, row.date, (row as ReadRow<'online_time'>).onlineMinutes);
        const order = row as ReadRow<'orders'>;
        orders.addNumbered(order.rider, order.date, order.km, order.night, order.badWeather);
      },
      names,
    ).catch((error) => {
      // not the columns a sample has (or no text at all): a malformed body, API.md's 400
      if (error instanceof SampleFormatError) throw badRequest('SAMPLE.BAD_FORMAT', error.message);
      throw error;
    });
    if (read.rows === 0) throw unprocessable('SAMPLE.EMPTY', ['the sample has no good rows', ...read.rejected.slice(0, 20).map((r) => `line ${r.line}: ${r.message}`)]);
    const pack = kind === 'orders' ? orders.pack() : online.pack();
    const hand = async (): Promise<SampleUpload> => {
      const sample: OrderSample = {
        id: randomUUID(),
        negotiationId,
        kind,
        rows: read.rows,
        rejected: read.rejectedCount,
        riderDays: kind === 'orders' ? orders.size : online.size,
        sha256: read.sha256,
        uploadedBy: user.id,
        uploadedAt: this.clock.now().toISOString(),
      };
      const event = { type: 'PROVIDE_INFORMATION', sampleId: sample.id, kind, rows: sample.rows, rejected: sample.rejected, riderDays: sample.riderDays, sha256: sample.sha256 };
      await this.negotiations.send(user, negotiationId, event, {
        alsoWrite: async (m) => {
          await m.createQueryBuilder().insert().into(OrderSample).values(sample).execute();
          await this.store.insertPack(m, sample.id, pack);
        },
      });
      this.store.keep(sample.id, pack);
      return { sampleId: sample.id, kind, rows: sample.rows, riderDays: sample.riderDays, rejected: read.rejected, rejectedCount: read.rejectedCount, sha256: read.sha256 };
    };
    if (!repeatable) return hand();
    const print = fingerprint('POST', repeatable.url, `${format} sha256:${read.sha256}`);
    const { answer } = await this.idempotency.once(user.id, repeatable.key, print, async () => ({ status: 201, body: JSON.stringify(await hand()) }));
    return JSON.parse(answer.body) as SampleUpload;
  }

  async declareCurrentTerms(user: AuthUser, negotiationId: string, terms: Terms): Promise<{ terms: Terms; declaredAt: string }> {
    const declaredAt = this.clock.now().toISOString();
    await this.negotiations.send(user, negotiationId, { type: 'DECLARE_CURRENT_TERMS', terms }, {
      alsoWrite: async (m) => {
        const row: CurrentTerms = { negotiationId, terms, declaredBy: user.id, declaredAt };
        await m.createQueryBuilder().insert().into(CurrentTerms).values(row).orUpdate(['terms', 'declared_by', 'declared_at'], ['negotiation_id']).execute();
      },
    });
    return { terms, declaredAt };
  }

  async costing(user: AuthUser, negotiationId: string, round?: number) {
    const m = this.tx.manager;
    const [n, relation] = await this.negotiations.load(m, user, negotiationId);
    if (!((relation.party === 'union' || relation.party === 'enterprise') && relation.representative) && relation.party !== 'bureau')
      throw forbidden('COSTING.NOT_YOURS', 'costings are for the representatives of both sides and the bureau');
    const [ordersSample, onlineSample] = await Promise.all([this.store.latest(n.id, 'orders'), this.store.latest(n.id, 'online_time')]);
    const minimum = this.wages.forRegion(n.region);
    const samples = { orders: sampleView(ordersSample), onlineTime: sampleView(onlineSample) };
    const hourlyMinimumFen = minimum?.hourlyMinimumFen ?? null;
    if (!ordersSample || !onlineSample || !minimum) return { items: [] as CostingLine[], total: 0, samples, hourlyMinimumFen };

    const rounds = await m.find(Round, { where: { negotiationId: n.id }, order: { round: 'ASC' } });
    const offers: Array<{ label: CostingLine['label']; round: number | null; terms: Terms }> = [];
    const current = await m.findOne(CurrentTerms, { where: { negotiationId: n.id } });
    if (current) offers.push({ label: 'current', round: null, terms: current.terms });
    if (round !== undefined) {
      const chosen = rounds.find((r) => r.round === round);
      if (!chosen) throw notFound('round');
      offers.push({ label: chosen.proposer, round: chosen.round, terms: chosen.terms });
    } else
      for (const side of ['union', 'enterprise'] as const) {
        const latest = rounds.filter((r) => r.proposer === side).at(-1);
        if (latest) offers.push({ label: side, round: latest.round, terms: latest.terms });
      }

    const days = await this.store.costedDays(ordersSample, onlineSample);
    const figures = offers.map((offer) => ({ offer, figures: costTerms(days, offer.terms, minimum.hourlyMinimumFen) }));
    const baseline = current ? figures[0].figures.platformCostFen : null;
    const items: CostingLine[] = figures.map(({ offer, figures: f }) => ({
      label: offer.label,
      round: offer.round,
      ...f,
      deltaPercentVsCurrent: baseline === null ? null : deltaPercent(f.platformCostFen, baseline),
    }));
    return { items, total: items.length, samples, hourlyMinimumFen };
  }
}
