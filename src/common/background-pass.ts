import { Logger } from '@nestjs/common';

/**
 * A pass of background work run on a timer and on demand, never two at once: a kick while a
 * pass runs asks for one more pass after it, so work that arrived mid-pass is not left for
 * the next tick. Errors are logged, not thrown. stop() waits for the pass in flight.
 */
export class BackgroundPass {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly pass: () => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  every(intervalMs: number): void {
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((error) => this.logger.error(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.running) await this.running;
  }
}
