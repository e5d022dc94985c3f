import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { Agreement } from './agreement.entity';

/** How long an announced publication is remembered, so the watcher does not announce it again. */
const REMEMBER_MS = 10 * 60_000;

/**
 * Publications for live delivery (SSE, webhooks), each announced once per instance: by the
 * instance that committed it, right after the commit (nobody hears of a rolled-back
 * publication), and by the PublicationWatcher on every other instance sharing the database.
 */
@Injectable()
export class PublicationBus {
  private readonly published = new Subject<Agreement>();
  private readonly announced = new Map<string, number>();

  emit(agreement: Agreement): void {
    const now = Date.now();
    for (const [id, at] of this.announced) if (now - at > REMEMBER_MS) this.announced.delete(id);
    if (this.announced.has(agreement.id)) return;
    this.announced.set(agreement.id, now);
    this.published.next(agreement);
  }

  get publications(): Observable<Agreement> {
    return this.published.asObservable();
  }
}
