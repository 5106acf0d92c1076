// Every activity the workflows call, with its timeout and retry policy in one place. Each policy
// has a bound or says why not. Causes that retrying cannot fix (a secret destroyed, a row gone,
// data PostgreSQL refuses; connectors' rejected keys and wrong settings) never reach a retry:
// they end the activity at once as typed non-retryable failures (worker/unfixable-interceptor.ts,
// activities/sync/failures.ts), which the workflows handle.
import { log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';

/**
 * What the tenant workflow has decided, written to Postgres and Temporal's schedules: a decision
 * already taken must reach them, so an outage of either is waited out however long it lasts
 * (unbounded attempts, at most a minute apart). Only transient causes are retried.
 */
export const records = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

/** Mail waits for an SMTP server for as long as a day; the outbox keeps it meanwhile. */
export const mail = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '30 minutes', maximumAttempts: 60 },
});

/**
 * Sending the welcome later: support waits for the answer, and a tenant of tens of thousands is
 * checked and queued a thousand at a time, longer than a record's 30 s. About 20 minutes of
 * retries, then support is told it failed; what was queued stays recorded.
 */
export const welcomes = proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { maximumInterval: '1 minute', maximumAttempts: 20 },
});

/** About 20 minutes of retries, at most a minute apart: a run's steps and the HR system's setup. */
const aboutTwentyMinutes = { maximumInterval: '1 minute', maximumAttempts: 20 } as const;

/**
 * A run's bookkeeping (its phase, its end, its hold notice): a few rows each, so a step on a
 * killed worker is retried within 2 minutes, not after the 10 a plan may take (the herd's SIGKILL
 * left its last runs waiting that long, BENCHMARKS.md "The nightly herd"). About 20 minutes of
 * retries, then the run fails with a reason.
 */
export const runBookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: aboutTwentyMinutes,
});

/** Planning: up to 10 minutes for the largest directory, heartbeated so a killed worker's plan is retried within 30 s. */
export const runPlanning = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '30 seconds',
  retry: aboutTwentyMinutes,
});

/** Registering and removing the HR system's webhook: calls to the vendor, about 20 minutes of retries, then logged. */
export const hrisSetup = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: aboutTwentyMinutes,
});

/** Paging and applying heartbeat, so a killed worker's work is retried promptly from its cursor; about an hour of retries. */
export const runIo = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '30 seconds',
  retry: { maximumInterval: '2 minutes', maximumAttempts: 30 },
});

/** What an activity's failure says, for a reason shown to support: the cause's words, not the SDK's wrapper. */
export function failureMessage(error: unknown): string {
  const { message, cause } = error as Error & { cause?: Error };
  return cause?.message ?? message;
}

/** The one way workflows send mail: queued mail goes out in the background; a failing SMTP server never holds anything up. */
export function sendMailSoon(tenantId: string): void {
  void mail.deliverMail({ tenantId }).catch(() => undefined);
}

/** A step that failed for good and must not stop the ones after it: logged with what it concerns, then dropped. */
export const loggedFailure = (step: string, context: Record<string, string> = {}) => (error: unknown): void => {
  log.warn(`${step} failed for good`, { ...context, error: failureMessage(error) });
};
