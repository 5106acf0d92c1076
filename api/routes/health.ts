// /healthz: the process answers. /readyz: Postgres and Temporal answer and, where this process
// is responsible for it (the embedded default), a worker polls Roster's task queue.
import { Router } from 'express';
import { z } from 'zod';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Db } from '../../common/db';

export interface HealthDeps {
  db: Db;
  client: Client;
  taskQueue: string;
  requireWorker: boolean;
}

export const healthSchema = z.object({ status: z.literal('ok') });
const check = z.enum(['ok', 'waiting', 'unreachable']);
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: check, temporal: check, worker: check.optional().meta({ description: 'The embedded default only: a worker polls its task queue.' }) }),
});
type Check = z.output<typeof check>;

// A poller the server saw within this window still counts; a stopped worker drops out after it.
const POLLER_FRESH_MS = 70_000;
// A probe answers within its own timeout even when Temporal hangs rather than refuses.
const TEMPORAL_CHECK_MS = 3000;
// A CommonJS module: Node's ESM loader sees only its default export.
const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

async function workerPolling(client: Client, taskQueue: string): Promise<boolean> {
  const answer = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  const now = Date.now();
  return (answer.pollers ?? []).some((p) => {
    const seconds = Number(p.lastAccessTime?.seconds ?? 0);
    return now - seconds * 1000 < POLLER_FRESH_MS;
  });
}

const outcome = async (check: () => Promise<unknown>): Promise<Check> => {
  try {
    const result = await check();
    return result === false ? 'waiting' : 'ok';
  } catch {
    return 'unreachable';
  }
};

export function healthRoutes({ db, client, taskQueue, requireWorker }: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' } satisfies z.output<typeof healthSchema>);
  });
  router.get('/readyz', async (_req, res) => {
    const temporal = <T>(call: () => Promise<T>) => outcome(() => client.connection.withDeadline(Date.now() + TEMPORAL_CHECK_MS, call));
    const checks: z.output<typeof readinessSchema>['checks'] = {
      postgres: await outcome(() => db.raw('select 1')),
      temporal: await temporal(() => client.workflowService.getSystemInfo({})),
    };
    if (requireWorker) checks.worker = await temporal(() => workerPolling(client, taskQueue));
    const ready = Object.values(checks).every((c) => c === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks } satisfies z.output<typeof readinessSchema>);
  });
  return router;
}
