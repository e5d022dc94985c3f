import { BeforeApplicationShutdown, Injectable, OnModuleInit } from '@nestjs/common';
import { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { Subscription } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { Agreement } from './agreement.entity';
import { toAgreementView } from './agreements.service';
import { CoveredParty, covers } from './coverage';
import { PublicationBus } from './publication-bus';

/** A ping on every stream this often, so that proxies do not close a quiet line. */
export const PING_INTERVAL_MS = 25_000;
/** Bytes a stream may have waiting for a client that does not read; past it the line is dropped (the client reconnects and reads its inbox). */
export const STREAM_BACKLOG_BYTES = 1 << 20;

const PING = Buffer.from('event: ping\ndata: \n\n');

interface Listener {
  userId: string;
  worker: CoveredParty;
  response: ServerResponse;
}

/**
 * The workers' event streams open on this instance (GET /api/me/stream). A publication is
 * turned into its frame once — `event: publication`, its id, the agreement's view as JSON, as
 * bytes — and that same buffer is written to every covered stream: no per-stream
 * serialisation, query or pipeline, so 10⁴ streams cost 10⁴ socket writes. One timer pings
 * them all. At most STREAMS_PER_USER streams per person; none are counted per address.
 */
@Injectable()
export class LiveStreams implements OnModuleInit, BeforeApplicationShutdown {
  private readonly listeners = new Set<Listener>();
  private readonly perUser = new Map<string, number>();
  private subscription?: Subscription;
  private pinger?: NodeJS.Timeout;

  constructor(
    private readonly bus: PublicationBus,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.publications.subscribe((agreement) => this.announce(agreement));
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.pinger.unref();
  }

  /** Ends every stream before the server closes (an open stream would hold its connection, and the close, forever). */
  beforeApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.pinger);
    for (const listener of this.listeners) listener.response.end();
  }

  /**
   * Takes over the reply as an event stream for this worker; a 429 (STREAM.TOO_MANY), before
   * anything is written, when the person already holds STREAMS_PER_USER streams here.
   */
  open(userId: string, worker: CoveredParty, reply: FastifyReply): void {
    if ((this.perUser.get(userId) ?? 0) >= this.config.STREAMS_PER_USER)
      throw new DomainError(429, 'STREAM.TOO_MANY', `at most ${this.config.STREAMS_PER_USER} open streams per person; close one first`);
    const response = reply.raw;
    reply.hijack();
    // the client left while the worker was looked up
    if (response.destroyed || reply.request.raw.destroyed) return;
    response.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream',
      'cache-control': 'private, no-cache, no-store, must-revalidate, max-age=0, no-transform',
      connection: 'keep-alive',
      // no buffering in nginx; and never compressed: a compressor would sit on the events
      'x-accel-buffering': 'no',
    });
    response.write('\n');
    const listener: Listener = { userId, worker, response };
    this.listeners.add(listener);
    this.perUser.set(userId, (this.perUser.get(userId) ?? 0) + 1);
    response.once('close', () => this.close(listener));
  }

  /** Streams this person holds open on this instance. */
  openFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }

  private announce(agreement: Agreement): void {
    const frame = Buffer.from(`event: publication\nid: ${agreement.id}\ndata: ${JSON.stringify(toAgreementView(agreement))}\n\n`);
    for (const listener of this.listeners) if (covers(agreement.scope, listener.worker)) this.write(listener, frame);
  }

  private ping(): void {
    for (const listener of this.listeners) this.write(listener, PING);
  }

  private write(listener: Listener, frame: Buffer): void {
    const { response } = listener;
    if (!response.write(frame) && response.writableLength > STREAM_BACKLOG_BYTES) response.destroy();
  }

  private close(listener: Listener): void {
    if (!this.listeners.delete(listener)) return;
    const open = (this.perUser.get(listener.userId) ?? 1) - 1;
    if (open > 0) this.perUser.set(listener.userId, open);
    else this.perUser.delete(listener.userId);
  }
}
