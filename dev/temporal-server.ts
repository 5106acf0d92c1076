// Runs the Temporal CLI dev server for the embedded default and the tests, with Roster's search
// attributes registered, and waits until it answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { rosterSearchAttributes } from '../common/search-attributes';
import { cliMissingMessage, findTemporalCli } from './temporal-cli';

/**
 * Task-queue fairness (docs/TEMPORAL.md "Fairness between tenants"): each tenant's runs are their
 * own virtual queue, dispatched round-robin with the others'. Off by default in the server.
 */
export const tenantFairness = { 'matching.enableFairness': true };

/**
 * Dynamic config for a one-machine server: one task-queue partition (with the default four a task
 * often waits ~40 ms to be forwarded to the partition a worker polls; one partition also keeps
 * fairness exact) and eager activities (the server hands an activity back with the workflow task
 * that scheduled it). A sync run's own workflow took 0.9 s with neither and 0.27 s with both.
 */
export const localDispatch = { 'matching.numTaskqueueReadPartitions': 1, 'matching.numTaskqueueWritePartitions': 1, 'system.enableActivityEagerExecution': true, ...tenantFairness };

export interface DevServerOptions {
  port: number;
  /** The Web UI's port; without one the server runs headless. */
  uiPort?: number;
  /** Persist to this SQLite file; in memory without one. */
  dbFilename?: string;
  logFile?: string;
  namespace?: string;
  /** The built-in Web UI's codec endpoint (Roster's `<api>/codec`). */
  uiCodecEndpoint?: string;
  /** Server dynamic config, e.g. a low `limit.historyCount.suggestContinueAsNew` in tests. */
  dynamicConfig?: Record<string, string | number | boolean>;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  origin: string;
  stop(): Promise<void>;
}

async function waitUntilAnswering(address: string, namespace: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`The Temporal dev server exited (code ${exited}):\n${output().slice(-2000)}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The Temporal dev server did not answer on ${address}: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

const codecArgs = ({ uiPort, uiCodecEndpoint }: DevServerOptions) => (uiPort && uiCodecEndpoint ? ['--ui-codec-endpoint', uiCodecEndpoint] : []);

export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  const source = await findTemporalCli();
  if (source.kind === 'sdk-download') {
    try {
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          ip: '127.0.0.1',
          port: options.port,
          uiPort: options.uiPort,
          ui: options.uiPort !== undefined,
          dbFilename: options.dbFilename,
          namespace,
          searchAttributes: rosterSearchAttributes,
          extraArgs: [...Object.entries(options.dynamicConfig ?? {}).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]), ...codecArgs(options)],
        },
      });
      return { address: env.address, uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined, origin: 'SDK download', stop: () => env.teardown() };
    } catch (error) {
      throw new Error(`${cliMissingMessage} (The SDK's download failed: ${(error as Error).message})`);
    }
  }

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', namespace, '--log-level', 'warn'];
  args.push(...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']));
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  args.push(...codecArgs(options));
  for (const key of rosterSearchAttributes) args.push('--search-attribute', `${key.name}=Keyword`);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);

  const child = spawn(source.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    log?.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilAnswering(address, namespace, child, () => output);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    address,
    uiUrl: options.uiPort ? `http://localhost:${options.uiPort}` : undefined,
    origin: `${source.origin}: ${source.path}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          log?.end();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
