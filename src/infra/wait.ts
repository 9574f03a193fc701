/**
 * Polling with backoff until a resource is ready or gone. The clock and the sleep are passed
 * in, so tests run the whole wait instantly.
 */
import { InfraError } from '../errors.js';

export interface Clock {
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

export interface WaitPolicy {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
  readonly timeoutMs: number;
}

/** A new cluster takes 5 to 15 minutes; polling starts at 10 s and backs off to once a minute. */
export const defaultWaitPolicy: WaitPolicy = { firstDelayMs: 10_000, maxDelayMs: 60_000, factor: 1.5, timeoutMs: 45 * 60_000 };

export interface PollResult {
  /** The state to show, e.g. "creating". */
  readonly state: string;
  readonly done: boolean;
  /** Set when the resource reached a state it will not leave by itself. */
  readonly failure?: string;
}

export interface WaitRequest {
  /** For messages: "cluster sparkify-cluster to become available". */
  readonly what: string;
  readonly poll: () => Promise<PollResult>;
  readonly onPoll?: (state: string, elapsedMs: number) => void;
}

export async function waitUntil(request: WaitRequest, clock: Clock, policy: WaitPolicy = defaultWaitPolicy): Promise<void> {
  const started = clock.now();
  let delay = policy.firstDelayMs;
  for (;;) {
    const result = await request.poll();
    const elapsed = clock.now() - started;
    request.onPoll?.(result.state, elapsed);
    if (result.failure) throw new InfraError(`while waiting for ${request.what}: ${result.failure}`);
    if (result.done) return;
    if (elapsed + delay > policy.timeoutMs) {
      throw new InfraError(
        `gave up waiting for ${request.what} after ${Math.round(elapsed / 60_000)} min (last state: ${result.state}); ` +
          'run the same command again to keep waiting',
      );
    }
    await clock.sleep(delay);
    delay = Math.min(policy.maxDelayMs, Math.round(delay * policy.factor));
  }
}
