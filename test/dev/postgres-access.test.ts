// A first start as root in a private folder: PostgreSQL runs as the `postgres` user, which cannot
// enter a folder of mode 700. The start must say so in one line, before anything starts.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAccessProblem, unenterableFolders } from '../../dev/postgres-access';

const someoneElse = { uid: 4242, gid: 4242 };
const folders: string[] = [];
function privateFolder(mode = 0o700) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'private-')));
  chmodSync(dir, mode);
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('which folders another user cannot enter', () => {
  it('names a mode-700 folder above the path, and only that one', () => {
    const dir = privateFolder();
    mkdirSync(join(dir, 'r', 'node_modules'), { recursive: true, mode: 0o755 });
    expect(unenterableFolders(join(dir, 'r', 'node_modules'), someoneElse)).toEqual([{ folder: dir, mode: 0o700 }]);
  });

  it('finds nothing when every folder lets others through, and stops at what does not exist yet', () => {
    const dir = privateFolder(0o711);
    expect(unenterableFolders(join(dir, 'not-yet', 'postgres'), someoneElse)).toEqual([]);
  });

  it('reads the owner bits for the folder owner and the group bits for its group', () => {
    const dir = privateFolder(0o710);
    expect(unenterableFolders(dir, { uid: 0, gid: 4242 })).toEqual([]);
    expect(unenterableFolders(dir, { uid: 4242, gid: 0 })).toEqual([]);
    chmodSync(dir, 0o601);
    expect(unenterableFolders(dir, { uid: 0, gid: 4242 })).toEqual([{ folder: dir, mode: 0o601 }]);
  });

  it('is no concern of a normal user, who runs PostgreSQL as itself', async () => {
    expect(await postgresAccessProblem(join(privateFolder(), 'postgres'), 1000)).toBeUndefined();
  });
});

/** Runs an entry point as `npm` would, from the repository, and answers what it printed and how it ended. */
function run(entry: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
  expect(result.error).toBeUndefined();
  return { lines: result.stderr.trim().split('\n').filter(Boolean), status: result.status };
}

const refusal = (dir: string) =>
  `Roster cannot start PostgreSQL: as root it runs as the 'postgres' user, which cannot enter ${dir} (mode 700). ` +
  `Run \`chmod o+x ${dir}\`, clone into a folder others can enter, or run as a normal user.`;

describe('a first start as root with its data in a private folder', () => {
  // Only root is concerned (PostgreSQL runs as its own user); CI and these machines run as root.
  const root = process.getuid?.() === 0;

  it('npm start prints one line saying what is wrong and what to do, and exits 1', async () => {
    const dir = privateFolder();
    // A taken API port stops a start that gets past the check (a normal user's) before anything starts.
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    try {
      const started = run('dev/start.ts', { ROSTER_DATA_DIR: join(dir, '.roster'), PORT: String((taken.address() as AddressInfo).port) });
      expect(started.status).toBe(1);
      if (root) expect(started.lines).toEqual([refusal(dir)]);
      else expect(started.lines).toEqual([expect.stringContaining('PORT')]);
    } finally {
      taken.close();
    }
  });

  it("npm test's preflight passes where the test servers can start", () => {
    // The repository's folders let others through here; the refusal itself is checked above.
    expect(run('dev/preflight.ts')).toEqual({ lines: [], status: 0 });
  });
});
