import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Failed sign-ins per account and per client address in a sliding window. Kept in memory: one
 * service process; a restart forgets, which only gives an attacker a fresh window of five tries.
 */
@Injectable()
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Seconds until another attempt is allowed, or 0. */
  retryAfter(email: string, address: string | null): number {
    const now = this.clock.now().getTime();
    const waits = [
      this.wait(`account:${email}`, MAX_FAILURES_PER_ACCOUNT, now),
      address ? this.wait(`address:${address}`, MAX_FAILURES_PER_ADDRESS, now) : 0,
    ];
    return Math.max(...waits);
  }

  recordFailure(email: string, address: string | null) {
    const now = this.clock.now().getTime();
    for (const key of [`account:${email}`, ...(address ? [`address:${address}`] : [])]) {
      this.failures.set(key, [...this.recent(key, now), now]);
    }
  }

  recordSuccess(email: string) {
    this.failures.delete(`account:${email}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  }

  private wait(key: string, max: number, now: number): number {
    const recent = this.recent(key, now);
    if (recent.length === 0) this.failures.delete(key);
    return recent.length < max
      ? 0
      : Math.ceil((recent[recent.length - max] + WINDOW_MS - now) / 1000);
  }
}
