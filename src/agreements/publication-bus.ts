import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { Agreement } from './agreement.entity';

/**
 * Publications committed by this instance, for live delivery (SSE, webhooks). Emitted only
 * after the publishing transaction commits, so nobody is told of a rolled-back publication.
 * The durable record is the agreements table; webhooks are also retried from their rows.
 */
@Injectable()
export class PublicationBus {
  private readonly published = new Subject<Agreement>();

  emit(agreement: Agreement): void {
    this.published.next(agreement);
  }

  get publications(): Observable<Agreement> {
    return this.published.asObservable();
  }
}
