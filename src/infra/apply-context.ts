/**
 * What the appliers share: the clients, the clock, the environment (for an opted-in password)
 * and the event sink, plus a small retry for AWS's eventual consistency.
 */
import type { InfraClients } from './clients.js';
import { awsErrorName } from './errors.js';
import type { Env } from './spec.js';
import type { InfraEvent, Resource } from './types.js';
import { type Clock, defaultWaitPolicy, type WaitPolicy } from './wait.js';

export interface ApplyDeps extends Clock {
  readonly clients: InfraClients;
  readonly env: Env;
  readonly onEvent: (event: InfraEvent) => void;
  readonly waitPolicy?: WaitPolicy;
}

export function waitPolicyOf(deps: ApplyDeps): WaitPolicy {
  return deps.waitPolicy ?? defaultWaitPolicy;
}

export function onPoll(deps: ApplyDeps, resource: Resource, name: string): (state: string, elapsedMs: number) => void {
  return (state, elapsedMs) => deps.onEvent({ type: 'waiting', resource, name, state, elapsedMs });
}

/**
 * Retries `call` while `transient` says the failure is one AWS clears by itself (a role just
 * created is not yet visible to Redshift; a security group is still held by a deleted
 * cluster's network interface), sleeping `delayMs` between attempts.
 */
export async function retryTransient<T>(
  deps: ApplyDeps,
  transient: (error: unknown) => boolean,
  call: () => Promise<T>,
  attempts = 8,
  delayMs = 15_000,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !transient(error)) throw error;
      await deps.sleep(delayMs);
    }
  }
}

/** A fresh IAM role takes a few seconds to be assumable by Redshift. */
export function isRolePropagation(error: unknown): boolean {
  const name = awsErrorName(error);
  const message = error instanceof Error ? error.message : '';
  return /InvalidParameter|ValidationException/.test(name) && /role|iam/i.test(message);
}

export function isDependencyViolation(error: unknown): boolean {
  return awsErrorName(error) === 'DependencyViolation';
}
