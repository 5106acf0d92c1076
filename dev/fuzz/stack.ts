// The stack the fuzzer hits: `npm start` itself (dev/start.ts: embedded PostgreSQL, the Temporal dev
// server, mail capture, the worker and the API with the demo platform), as a child process on free
// ports with its own data folder, so it never meets a running `npm start`. Its output goes to a log
// file: a 5xx is explained there. The fuzzer's admin token is made the way `npm run token` makes one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken } from '../../api/tokens';
import { createDb } from '../../common/db';
import { freePort } from '../../common/free-port';

const startScript = fileURLToPath(new URL('../start.ts', import.meta.url));

export interface FuzzStack {
  url: string;
  adminToken: string;
  logFile: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

async function untilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start stopped while starting (exit ${child.exitCode}): ${lastLogLine(logFile)}`);
    const status = await fetch(`${url}/readyz`).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`npm start was not ready in 3 minutes: see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const lastLogLine = (logFile: string) => readFileSync(logFile, 'utf8').trim().split('\n').pop() ?? '';

/** Starts `npm start` with its data in `dir` (a folder others can enter: PostgreSQL runs as its own user under root). */
export async function startFuzzStack(dir: string): Promise<FuzzStack> {
  const [api, temporal, ui, postgres, smtp, workerMetrics] = await Promise.all(Array.from({ length: 6 }, freePort));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'stack.log');
  const log = createWriteStream(logFile);
  // Its own servers always: with DATABASE_URL or TEMPORAL_ADDRESS set, npm start would use (and the fuzz would fill) those.
  const { DATABASE_URL: _database, TEMPORAL_ADDRESS: _temporal, ...environment } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', startScript], {
    env: {
      ...environment,
      ROSTER_DATA_DIR: dataDir,
      PORT: String(api),
      ROSTER_TEMPORAL_PORT: String(temporal),
      ROSTER_TEMPORAL_UI_PORT: String(ui),
      ROSTER_POSTGRES_PORT: String(postgres),
      ROSTER_SMTP_PORT: String(smtp),
      ROSTER_WORKER_METRICS_PORT: String(workerMetrics),
      LOG_LEVEL: 'info',
    },
    // Its own process group: a stop that has to force it also reaches PostgreSQL and Temporal.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const url = `http://localhost:${api}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const force = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 30_000);
    child.kill('SIGINT');
    await exited(child);
    clearTimeout(force);
    log.end();
  };
  try {
    await untilReady(url, child, logFile);
    const { databaseUrl } = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { databaseUrl: string };
    const db = createDb(databaseUrl);
    const adminToken = await createToken(db, 'fuzz', 'admin').finally(() => db.destroy());
    return { url, adminToken, logFile, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
