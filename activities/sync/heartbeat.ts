// A read that is one long call (Worknice's query, BambooHR's report, a large CSV set, the
// platform's groups) gives no page to heartbeat for longer than the heartbeat timeout allows.
// Heartbeating the last progress on a timer meanwhile keeps the activity alive, while a killed
// worker still stops heartbeating and is retried promptly.
import { Context } from '@temporalio/activity';

/** Well inside the run's 30-second heartbeat timeout (workflows/sync-run.ts). */
const EVERY_MS = 10_000;

export async function heartbeatingWhile<T>(progress: () => unknown, work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(progress()), EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
