// The worker rides out a Temporal outage by itself: the SDK's connection retries its polls and
// resumes them once the server answers again, and running activities go on. It does so silently,
// so this watch says it: one line when Temporal stops answering and one when it is back, rather
// than a line per failed poll.
import type { ConnectionLike } from '@temporalio/client';
import { loggerFor } from '../common/logger';

const log = loggerFor('worker');

/** How often the worker asks whether Temporal answers: an outage is reported within about this long. */
export const TEMPORAL_WATCH_MS = 5000;

/** Asks over the worker's own client connection (createWorker), which its owner closes. */
export function watchTemporal(connection: ConnectionLike, address: string, everyMs = TEMPORAL_WATCH_MS): { stop(): Promise<void> } {
  let awaySince: number | undefined;
  let checking = Promise.resolve();
  const check = async () => {
    try {
      await connection.withDeadline(Date.now() + everyMs, () => connection.workflowService.getSystemInfo({}));
      if (awaySince !== undefined) log.info('temporal reachable again: the worker polls as before', { address, awaySeconds: Math.round((Date.now() - awaySince) / 1000) });
      awaySince = undefined;
    } catch (error) {
      if (awaySince !== undefined) return;
      awaySince = Date.now();
      log.warn('temporal unreachable: the worker keeps retrying and resumes by itself', { address, error: (error as Error).message });
    }
  };
  const timer = setInterval(() => {
    checking = check();
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await checking;
    },
  };
}
