// Builds the worker: workflows from the bundle (or the source in development) and activities
// from injected dependencies. Shared by `npm run worker`, the embedded default and the tests.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { ensureHealthSchedules } from '../activities/health/schedules';
import type { Client } from '@temporalio/client';
import { connectClient, type TemporalSettings } from '../common/temporal';
import { dataConverter, failureConverterPath } from '../common/payloads/data-converter';
import { levelOf, loggerFor, mostVerbose } from '../common/logger';
import { tracingActivityInterceptors, tracingSinks, workflowInterceptorModules } from '../telemetry/tracing/temporal';
import { currentTracing } from '../telemetry/tracing/tracing';
import { activityLogContext } from './activity-log-context';
import { UnfixableCauseInterceptor } from './unfixable-interceptor';
import { sdkMetricsExporter } from '../telemetry/metrics/sdk-exporter';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/**
 * What every workflow bundle is built from (`npm run build:workflows`, the tests, the benchmarks).
 * Tracing's interceptors go only into the traced bundle: with tracing off they would still make a
 * span for every step and drop it, 0.17 s of CPU a run and 1.7 MB a cached workflow (BENCHMARKS.md).
 */
export const workflowBundleOptions = (traced: boolean) => ({ workflowsPath, failureConverterPath, workflowInterceptorModules: traced ? workflowInterceptorModules : [] });

/** The bundler's logger for bundles built in passing (the tests' setup, the benchmarks): errors only. */
export const quietBundler = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

/** The traced twin of a prebuilt bundle, which `npm run build:workflows` writes beside it. */
export const tracedBundlePath = (path: string): string => path.replace(/(\.js)?$/, '.traced.js');

/** The prebuilt bundle this process runs: the traced twin when it traces. */
function bundleFor(path: string, traced: boolean): string {
  if (!traced) return path;
  const twin = tracedBundlePath(path);
  if (!existsSync(twin)) throw new Error(`Tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT) but the traced workflow bundle ${twin} is missing: build both with npm run build:workflows`);
  return twin;
}

export interface WorkerSettings extends TemporalSettings {
  taskQueue: string;
  /** A prebuilt workflow bundle (production images, and the tests for all files); otherwise bundled at start. */
  workflowBundlePath?: string;
  /** Workflows kept in memory between their tasks (ROSTER_WORKER_CACHED_WORKFLOWS); unset, the SDK's default. */
  cachedWorkflows?: number;
  /** Ensure tenant health's hourly sweep and daily digest schedules on this task queue (not for the tests' workers). */
  healthSchedules?: boolean;
}

/** The SDK's default workflow task slots; a cache smaller than that bounds them (the SDK warns otherwise). */
const sdkWorkflowTaskSlots = 40;

const sdkLevels = { TRACE: 'debug', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const;

/**
 * Installs the SDK's Runtime once per process, and again after the last worker's shutdown closed it:
 * its log lines and the workflows' go into Roster's JSON logs at their components' levels, its
 * metrics to a loopback Prometheus exporter that the worker's metrics port serves (telemetry/metrics/).
 */
async function installRuntime(): Promise<void> {
  if (Runtime._instance) return;
  const metrics = await sdkMetricsExporter();
  // Another worker of this process may have installed it meanwhile.
  if (Runtime._instance) return;
  const [sdk, workflows] = [loggerFor('temporal-sdk'), loggerFor('workflows')];
  const level = mostVerbose(levelOf('temporal-sdk'), levelOf('workflows')).toUpperCase() as LogLevel;
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => (entry.meta?.sdkComponent === 'workflow' ? workflows : sdk)[sdkLevels[entry.level]](entry.message, entry.meta)),
    telemetryOptions: { metrics },
  });
}

/**
 * The worker; the client its schedule activities use (open for the worker's other calls to Temporal,
 * such as the outage watch); and what to close once it has stopped: both connections.
 */
export async function createWorker(settings: WorkerSettings, deps: Omit<ActivityDeps, 'schedules'>): Promise<{ worker: Worker; client: Client; connection: { close(): Promise<void> } }> {
  await installRuntime();
  const native = await NativeConnection.connect({ address: settings.address, tls: settings.tls, apiKey: settings.apiKey });
  // Schedule activities manage the tenants' Temporal Schedules through a client of their own.
  const client = await connectClient(settings, deps.secrets.keyring);
  const traced = currentTracing() !== undefined;
  const worker = await Worker.create({
    connection: native,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    ...(settings.workflowBundlePath ? { workflowBundle: { codePath: bundleFor(settings.workflowBundlePath, traced) } } : { workflowsPath }),
    dataConverter: dataConverter(deps.secrets.keyring),
    activities: createActivities({ ...deps, schedules: { client, taskQueue: settings.taskQueue, payloadKeyId: deps.secrets.keyring.currentId } }),
    interceptors: {
      activity: [tracingActivityInterceptors, activityLogContext, () => ({ inbound: new UnfixableCauseInterceptor() })],
      workflowModules: settings.workflowBundlePath || !traced ? [] : workflowInterceptorModules,
    },
    sinks: tracingSinks(),
    ...(settings.cachedWorkflows ? { maxCachedWorkflows: settings.cachedWorkflows, maxConcurrentWorkflowTaskExecutions: Math.min(sdkWorkflowTaskSlots, settings.cachedWorkflows) } : {}),
    // Let running activities finish on a deploy before they are cancelled.
    shutdownGraceTime: '30 seconds',
    shutdownForceTime: '60 seconds',
  });
  if (settings.healthSchedules) await ensureHealthSchedules(client, settings.taskQueue);
  const close = async () => {
    await native.close();
    await client.connection.close();
  };
  return { worker, client, connection: { close } };
}
