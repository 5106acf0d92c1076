// The outside processes a benchmark run needs: embedded PostgreSQL and the Temporal dev server on
// free ports in a temporary folder (as test/global-setup.ts starts them), and the production
// worker (`worker/main.ts`) as its own OS process, so that its memory is its own and nothing else's.
import { spawn } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../../common/db';
import { migrateLatest } from '../../migrations';
import { freePort } from '../../common/free-port';
import { repoRoot, workerNodeArgs } from '../../dev/worker-command';
import { startEmbeddedPostgres } from '../../dev/postgres';
import { startTemporalDevServer } from '../../dev/temporal-server';


export interface Services {
  dir: string;
  databaseUrl: string;
  temporalAddress: string;
  stop(): Promise<void>;
}

/** `dynamicConfig`: the Temporal server's, e.g. task-queue fairness for the herd (dev/temporal-server.ts). */
export async function startServices(dynamicConfig: Record<string, string | number | boolean> = {}): Promise<Services> {
  const dir = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  // Postgres runs as its own user when the benchmark runs as root: it must be able to enter here.
  chmodSync(dir, 0o755);
  const [postgres, temporal] = await Promise.all([
    freePort().then((port) => startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port, database: 'roster_bench' })),
    freePort().then((port) => startTemporalDevServer({ port, logFile: join(dir, 'temporal.log'), dynamicConfig })),
  ]);
  const db = createDb(postgres.url);
  await migrateLatest(db);
  await db.destroy();
  return {
    dir,
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    async stop() {
      await temporal.stop();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface WorkerProcess {
  pid: number;
  /** The worker's metrics address, as its ready line names it (the API has none). */
  metricsUrl?: string;
  /** Resolves once the process logs that it is ready (the worker: that it polls its task queue). */
  ready: Promise<void>;
  /** The last lines it wrote. */
  tail(lines?: number): string;
  /** SIGKILL, as a crashed host ends it: nothing is finished or flushed. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerProcessOptions {
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
  /** Sees every line the worker writes. */
  onLine?: (line: string) => void;
}

/** The worker exactly as `npm run worker` runs it (its Node flags included), configured by environment only. */
export function startWorkerProcess(env: Record<string, string>, logFile: string, options: WorkerProcessOptions = {}): WorkerProcess {
  let metricsUrl: string | undefined;
  const onLine = (line: string) => {
    metricsUrl ??= /"metrics":"([^"]+)"/.exec(line)?.[1];
    options.onLine?.(line);
  };
  const worker = startRosterProcess(workerNodeArgs(), { ROSTER_WORKER_METRICS_PORT: '0', ...env }, logFile, '"worker polling"', { ...options, onLine });
  return {
    ...worker,
    get metricsUrl() {
      return metricsUrl;
    },
  };
}

/** The API exactly as `npm run api` runs it; resolves `ready` once it listens. */
export function startApiProcess(env: Record<string, string>, logFile: string): WorkerProcess {
  return startRosterProcess(['--import', 'tsx', 'api/main.ts'], env, logFile, '"api listening"');
}

function startRosterProcess(args: string[], env: Record<string, string>, logFile: string, readyLine: string, { nodeFlags = [], onLine: watch = () => {} }: WorkerProcessOptions = {}): WorkerProcess {
  const inherited = Object.fromEntries(['PATH', 'HOME', 'TMPDIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])));
  const child = spawn(process.execPath, [...nodeFlags, ...args], { cwd: repoRoot, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  const recent: string[] = [];
  let onLine = (_line: string) => {};
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      log.write(chunk);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        recent.push(line);
        if (recent.length > 200) recent.shift();
        onLine(line);
        watch(line);
      }
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    onLine = (line) => {
      if (line.includes(readyLine)) resolve();
    };
    void exited.then(() => reject(new Error(`${args.at(-1)} exited before it was ready:\n${recent.slice(-20).join('\n')}`)));
  });
  ready.catch(() => undefined);
  return {
    pid: child.pid!,
    ready,
    tail: (lines = 20) => recent.slice(-lines).join('\n'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const force = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(force);
      }
      log.end();
    },
  };
}

/** A process's resident set now and its peak (VmHWM), from /proc, in bytes. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}

/** Resets the kernel's peak-RSS mark (VmHWM) to the current RSS: `echo 5 > /proc/<pid>/clear_refs`. */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export interface RssSampler {
  /** The highest RSS seen, and when, since the sampler started, and every sample. */
  stop(): { peak: number; at: number; samples: { at: number; rss: number }[] };
}

/** Polls a process's RSS, as a check on VmHWM (and a timeline when the peak mark cannot be reset). */
export function sampleRss(pid: number, everyMs = 50): RssSampler {
  let peak = 0;
  let at = 0;
  const samples: { at: number; rss: number }[] = [];
  const timer = setInterval(() => {
    try {
      const { rss } = memoryOf(pid);
      samples.push({ at: Date.now(), rss });
      if (rss > peak) {
        peak = rss;
        at = Date.now();
      }
    } catch {
      // The process has gone.
    }
  }, everyMs);
  // Never what keeps the benchmark's process alive.
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { peak, at, samples };
    },
  };
}
