// The production worker (`worker/main.ts`) as a separate OS process, configured by environment
// variables only, as `npm run worker` runs it; a test can SIGKILL it like a crashed machine.
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { isGrpcServiceError, type Client } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import proto from '@temporalio/proto';
import { repoRoot, workerNodeArgs } from '../../dev/worker-command';


export interface WorkerProcessEnv {
  DATABASE_URL: string;
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TASK_QUEUE: string;
  ROSTER_ENCRYPTION_KEY: string;
  SMTP_URL: string;
  ROSTER_MAIL_FROM: string;
  ROSTER_PUBLIC_URL: string;
  /** The prebuilt workflow bundle, as production images run it (npm run build:workflows). */
  ROSTER_WORKFLOW_BUNDLE?: string;
  LOG_LEVEL?: string;
  /** How long webhook events are collected before their run. */
  ROSTER_WEBHOOK_WINDOW_SECONDS?: string;
}

export interface WorkerProcess {
  pid: number;
  /** Everything it wrote, stdout and stderr, line by line. */
  output: string[];
  /** Resolves once it has said it polls its task queue. */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown, no graceful activity end, like a machine lost mid-work. */
  kill(): Promise<void>;
}

export function startWorkerProcess(env: WorkerProcessEnv): WorkerProcess {
  // Only what a node process needs to run, and the worker's own variables: nothing else leaks in.
  const baseEnv = Object.fromEntries(['PATH', 'HOME', 'TMPDIR', 'NODE_OPTIONS'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
  // Its HR systems and platforms are the tests' servers on loopback, as ROSTER_ALLOW_PRIVATE_URLS allows.
  const child: ChildProcess = spawn(process.execPath, workerNodeArgs(), { cwd: repoRoot, env: { ...baseEnv, ROSTER_ALLOW_PRIVATE_URLS: 'true', ROSTER_WORKER_METRICS_PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  let onLine: (line: string) => void = () => {};
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        output.push(line);
        onLine(line);
      }
    });
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    onLine = (line) => {
      if (line.includes('"worker polling"')) resolve();
    };
    void exited.then(({ code, signal }) => reject(new Error(`The worker process exited before polling (code ${code}, signal ${signal}):\n${output.slice(-20).join('\n')}`)));
  });
  // A test that fails before awaiting `ready` must not turn into an unhandled rejection.
  ready.catch(() => undefined);
  return {
    pid: child.pid!,
    output,
    ready,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Makes the server give up on an attempt of a pending activity now, instead of after the 30 s
 * heartbeat timeout of workflows/sync-run.ts: it shortens the heartbeat timeout of that one
 * activity through Temporal's own operator API (UpdateActivityOptions, `temporal activity
 * update-options`), as an on-call engineer could. Call it only once the worker running the
 * attempt is dead (a live worker paces its heartbeats to the original timeout). The workflow code,
 * its timeouts and retry policy stay as in production; only the server notices the loss sooner.
 */
export async function shortenHeartbeatTimeout(client: Client, workflowId: string, activityType: string, seconds = 2): Promise<PendingActivity> {
  const pending = await pendingActivity(client, workflowId, activityType);
  if (!pending) throw new Error(`${workflowId} has no pending ${activityType} activity`);
  await shortenHeartbeatTimeoutOf(client, workflowId, pending.activityId, seconds);
  return pending;
}

/** shortenHeartbeatTimeout for one activity named by its id. */
export async function shortenHeartbeatTimeoutOf(client: Client, workflowId: string, activityId: string, seconds = 2): Promise<void> {
  await client.workflowService.updateActivityOptions({
    namespace: client.options.namespace,
    execution: { workflowId },
    id: activityId,
    activityOptions: { heartbeatTimeout: msToTs(`${seconds}s`) },
    updateMask: { paths: ['heartbeat_timeout'] },
  });
}

/** The SDK's default worker identity, as Temporal records it for the activities a worker process runs. */
export const identityOf = (worker: WorkerProcess) => `${worker.pid}@${hostname()}`;

/** The workflow's activities running on the worker of this identity. */
export async function activitiesRunningOn(client: Client, workflowId: string, identity: string): Promise<(PendingActivity & { activityType: string })[]> {
  const description = await client.workflow.getHandle(workflowId).describe();
  return (description.raw.pendingActivities ?? [])
    .filter((activity) => activity.lastWorkerIdentity === identity && activity.state === PENDING_ACTIVITY_STATE_STARTED)
    .map((activity) => ({ activityId: activity.activityId!, activityType: activity.activityType?.name ?? '', attempt: activity.attempt ?? 1, started: true }));
}

/**
 * A killed worker also leaves its sticky task queue behind: each workflow it had cached gets its
 * next workflow task there and only after the SDK's sticky schedule-to-start timeout (10 s) on
 * the normal queue. ResetStickyTaskQueue (an operator API too) sends the next task straight to
 * the normal queue, where the new worker replays the history: the path a cache miss takes anyway.
 */
export async function resetStickyQueue(client: Client, workflowId: string): Promise<void> {
  await client.workflowService.resetStickyTaskQueue({ namespace: client.options.namespace, execution: { workflowId } });
}

/** Gives the activity back the options it was scheduled with (the 30 s heartbeat timeout), unless it has finished already. */
export async function restoreActivityOptions(client: Client, workflowId: string, activityId: string): Promise<void> {
  try {
    await client.workflowService.updateActivityOptions({ namespace: client.options.namespace, execution: { workflowId }, id: activityId, restoreOriginal: true });
  } catch (error) {
    if (!isGrpcServiceError(error) || error.code !== GRPC_NOT_FOUND) throw error;
  }
}

const GRPC_NOT_FOUND = 5;
const { PENDING_ACTIVITY_STATE_STARTED } = proto.temporal.api.enums.v1.PendingActivityState;

export interface PendingActivity {
  activityId: string;
  attempt: number;
  /** Running on a worker, as opposed to scheduled or waiting for its retry. */
  started: boolean;
}

export async function pendingActivity(client: Client, workflowId: string, activityType: string): Promise<PendingActivity | undefined> {
  const description = await client.workflow.getHandle(workflowId).describe();
  const pending = description.raw.pendingActivities?.find((activity) => activity.activityType?.name === activityType);
  if (!pending?.activityId) return undefined;
  return { activityId: pending.activityId, attempt: pending.attempt ?? 1, started: pending.state === PENDING_ACTIVITY_STATE_STARTED };
}
