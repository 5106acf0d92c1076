// Builds the worker: workflows from the bundle (or the source in development) and activities
// from injected dependencies. Shared by `npm run worker`, the embedded default and the tests.
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { connectClient, type TemporalSettings } from '../common/temporal';
import { log } from '../common/logger';
import { UnfixableCauseInterceptor } from './unfixable-interceptor';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface WorkerSettings extends TemporalSettings {
  taskQueue: string;
  /** A prebuilt workflow bundle (production images, and the tests for all files); otherwise bundled at start. */
  workflowBundlePath?: string;
}

const sdkLevels = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;
let sdkLoggingInstalled = false;

/** Routes the SDK's own log lines into Roster's JSON logs; once per process. */
function installSdkLogging(level: LogLevel = 'WARN'): void {
  if (sdkLoggingInstalled) return;
  sdkLoggingInstalled = true;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => log[sdkLevels[entry.level]](entry.message, { source: 'temporal-sdk', ...entry.meta })),
  });
}

/** The worker, and what to close once it has stopped: its own connection and its activities' client. */
export async function createWorker(settings: WorkerSettings, deps: Omit<ActivityDeps, 'schedules'>): Promise<{ worker: Worker; connection: { close(): Promise<void> } }> {
  installSdkLogging();
  const native = await NativeConnection.connect({ address: settings.address, tls: settings.tls, apiKey: settings.apiKey });
  // Schedule activities manage the tenants' Temporal Schedules through a client of their own.
  const client = await connectClient(settings);
  const worker = await Worker.create({
    connection: native,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...(settings.workflowBundlePath ? { workflowBundle: { codePath: settings.workflowBundlePath } } : { workflowsPath }),
    activities: createActivities({ ...deps, schedules: { client, taskQueue: settings.taskQueue } }),
    interceptors: { activity: [() => ({ inbound: new UnfixableCauseInterceptor() })] },
    // Let running activities finish on a deploy before they are cancelled.
    shutdownGraceTime: '30 seconds',
    shutdownForceTime: '60 seconds',
  });
  const close = async () => {
    await native.close();
    await client.connection.close();
  };
  return { worker, connection: { close } };
}
