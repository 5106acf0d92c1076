// A Temporal dev server of one test's own (not the run's shared one from test/global-setup.ts),
// persisting to its SQLite file on a fixed port, that the test can crash and start again on the
// same port and file: what a machine loss and a restart of Temporal look like to Roster.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../common/free-port';
import { localDispatch, startTemporalDevServer, type DevServer } from '../../dev/temporal-server';
import { eventually } from '../support/stack';

export interface OwnTemporal {
  address: string;
  /** SIGKILL: no shutdown, no flush beyond what SQLite committed, like a machine lost. */
  crash(): Promise<void>;
  /** A new server process on the same port and the same file. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The ids of the processes whose command line names the file: the dev server and nothing else. */
function processesUsing(file: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(file) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

export async function startOwnTemporal(): Promise<OwnTemporal> {
  const dir = mkdtempSync(join(tmpdir(), 'roster-temporal-'));
  const dbFilename = join(dir, 'temporal.db');
  const port = await freePort();
  let server: DevServer | undefined;
  const start = async () => {
    server = await startTemporalDevServer({ port, dbFilename, logFile: join(dir, 'temporal.log'), dynamicConfig: localDispatch });
  };
  await start();
  return {
    address: server!.address,
    start,
    async crash() {
      // DevServer.stop() is a clean SIGTERM; a crash needs the process id, which only its command line gives.
      const pids = processesUsing(dbFilename);
      if (pids.length === 0) throw new Error(`No process runs the Temporal dev server of ${dbFilename}`);
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      await eventually(async () => pids.every(gone));
      server = undefined;
    },
    async stop() {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
