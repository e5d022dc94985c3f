import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { TypeOrmRateLimiterStore } from '../database/rate-limiter-store';

/**
 * After `freeFailures` wrong passwords in a row, an account waits before its next try:
 * `firstPauseSeconds`, then twice as long after every further failure (1 s, 2 s, 4 s …), never
 * longer than the counting window.
 */
export const LOGIN_SLOW_DOWN = { freeFailures: 3, firstPauseSeconds: 1 } as const;

/**
 * Password guessing, limited where every instance sees it (the database): wrong passwords
 * are counted per account (whatever the address) and per client address (whatever the
 * account), and an account slows down after repeated failures. The API login and the web
 * login form both come through AuthService.login, so they share one budget.
 */
@Injectable()
export class LoginLimiter {
  private readonly byAccount: TypeOrmRateLimiterStore;
  private readonly byAddress: TypeOrmRateLimiterStore;
  private readonly pause: TypeOrmRateLimiterStore;
  private readonly windowSeconds: number;
  private lastSweep = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource, config: AppConfig) {
    this.windowSeconds = config.LOGIN_FAILURE_WINDOW_SECONDS;
    const store = (keyPrefix: string, points: number, duration: number) =>
      new TypeOrmRateLimiterStore({ dataSource, keyPrefix, points, duration, tableName: 'rate_limits', tableCreated: true });
    this.byAccount = store('login-account', config.LOGIN_FAILURES_PER_ACCOUNT, this.windowSeconds);
    this.byAddress = store('login-address', config.LOGIN_FAILURES_PER_ADDRESS, this.windowSeconds);
    this.pause = store('login-pause', 1, this.windowSeconds);
  }

  /** Throws 429 AUTH.TOO_MANY_ATTEMPTS (with Retry-After) when the account or the address must wait. */
  async check(username: string, address: string): Promise<void> {
    const account = accountKey(username);
    const [byAccount, byAddress, pause] = await Promise.all([this.byAccount.get(account), this.byAddress.get(address), this.pause.get(account)]);
    const counts: Array<[RateLimiterRes | null, number]> = [
      [byAccount, this.byAccount.points],
      [byAddress, this.byAddress.points],
      [pause, this.pause.points],
    ];
    const waits = counts.flatMap(([res, points]) => (res && res.consumedPoints >= points ? [res.msBeforeNext] : []));
    if (waits.length) {
      const seconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
      throw new DomainError(429, 'AUTH.TOO_MANY_ATTEMPTS', `too many wrong passwords: try again in ${seconds} s`, { retryAfterSeconds: seconds }, { 'Retry-After': String(seconds) });
    }
  }

  /** A wrong password: counted for the account and the address; a pause once failures repeat. */
  async failed(username: string, address: string): Promise<void> {
    const account = accountKey(username);
    const [byAccount] = await Promise.all([this.byAccount.penalty(account), this.byAddress.penalty(address)]);
    const beyond = byAccount.consumedPoints - LOGIN_SLOW_DOWN.freeFailures;
    if (beyond > 0) await this.pause.block(account, Math.min(LOGIN_SLOW_DOWN.firstPauseSeconds * 2 ** (beyond - 1), this.windowSeconds));
    await this.sweep();
  }

  /** The right password: the account's run of failures is over (the address keeps its count). */
  async succeeded(username: string): Promise<void> {
    const account = accountKey(username);
    await Promise.all([this.byAccount.delete(account), this.pause.delete(account)]);
  }

  /** Forgets finished windows now and then, so made-up addresses do not pile up rows. */
  private async sweep(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.byAddress.deleteExpired();
  }
}

/** A fixed-length key whatever was typed as the username (the web form's field has no length limit). */
function accountKey(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('hex').slice(0, 40);
}
