// The worker rides out a Temporal outage by itself: the SDK's connection retries its polls and
// resumes them once the server answers again, and running activities go on. It does so silently,
// so this watch says it: one line when Temporal stops answering and one when it is back, rather
// than a line per failed poll.
import { Connection } from '@temporalio/client';
import { loggerFor } from '../common/logger';
import { clientConnectionOptions, type TemporalSettings } from '../common/temporal';

const log = loggerFor('worker');

/** How often the worker asks whether Temporal answers: an outage is reported within about this long. */
export const TEMPORAL_WATCH_MS = 5000;

export function watchTemporal(settings: TemporalSettings, everyMs = TEMPORAL_WATCH_MS): { stop(): Promise<void> } {
  const connection = Connection.lazy(clientConnectionOptions(settings));
  let awaySince: number | undefined;
  let checking = Promise.resolve();
  const check = async () => {
    try {
      await connection.withDeadline(Date.now() + everyMs, () => connection.workflowService.getSystemInfo({}));
      if (awaySince !== undefined) log.info('temporal reachable again: the worker polls as before', { address: settings.address, awaySeconds: Math.round((Date.now() - awaySince) / 1000) });
      awaySince = undefined;
    } catch (error) {
      if (awaySince !== undefined) return;
      awaySince = Date.now();
      log.warn('temporal unreachable: the worker keeps retrying and resumes by itself', { address: settings.address, error: (error as Error).message });
    }
  };
  const timer = setInterval(() => {
    checking = check();
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await checking;
      await connection.close();
    },
  };
}
