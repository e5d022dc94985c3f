/** The only source of "now": services inject it, tests move it. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests set and advance by hand. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date('2027-01-04T01:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  advanceDays(days: number): void {
    this.advance(days * 24 * 3600 * 1000);
  }
}

/**
 * Another clock, which can be set back for a while: the demo replays its story as if it began
 * weeks ago, so that the deadlines in it have run out by the time anyone logs in. Production
 * runs on the plain clock and is never set back.
 */
export class ReplayClock extends Clock {
  private offsetMs = 0;

  constructor(private readonly base: Clock) {
    super();
  }

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** "Now" becomes `ms` before the base clock's now; 0 returns to it. */
  setBack(ms: number): void {
    this.offsetMs = -ms;
  }
}
