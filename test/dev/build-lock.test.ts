// The Temporal CLI build lock: a lock left by a killed build is taken over at once (it used to
// hold every later start for 30 minutes); a live build is waited for, saying whose it is.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { withBuildLock, type LockOwner } from '../../dev/build-lock';

// Long enough that any wait at all would show as a timed-out test.
const never = { pollMs: 600_000, reportMs: 600_000 };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function cache() {
  const dir = mkdtempSync(join(tmpdir(), 'build-lock-'));
  dirs.push(dir);
  return { lock: join(dir, '.building'), product: join(dir, 'temporal') };
}

/** Stands in for `go install`: counts its runs and makes the product. */
function fakeBuild(product: string) {
  const build = {
    runs: 0,
    run: async () => {
      build.runs += 1;
      writeFileSync(product, 'built');
    },
  };
  return build;
}

describe('the build lock', () => {
  it('takes over at once the lock of a build that was killed half-way', { timeout: 10_000 }, async () => {
    const { lock, product } = cache();
    // A real process takes the lock, starts a build that never ends, and is killed mid-build.
    const script = `const { withBuildLock } = await import('./dev/build-lock.ts');
      await withBuildLock(process.env.LOCK, { say() {}, done: () => false }, () => { console.log('building'); return new Promise(() => setInterval(() => {}, 1e6)); });`;
    const holder = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...process.env, LOCK: lock }, stdio: ['ignore', 'pipe', 'inherit'] });
    await once(holder.stdout, 'data');
    const owner = JSON.parse(readFileSync(join(lock, 'owner.json'), 'utf8')) as LockOwner;
    expect(owner).toMatchObject({ pid: holder.pid, hostname: hostname() });
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(existsSync(lock)).toBe(true);

    const lines: string[] = [];
    const build = fakeBuild(product);
    await withBuildLock(lock, { say: (line) => lines.push(line), done: () => existsSync(product), ...never }, build.run);
    expect(build.runs).toBe(1);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^Taking over the build lock .*: its owner \\(process ${holder.pid} on .*\\) is gone\\.$`))]);
    expect(existsSync(lock)).toBe(false);
  });

  it('takes over at once an empty lock folder left by an older Roster', { timeout: 10_000 }, async () => {
    const { lock, product } = cache();
    mkdirSync(lock);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    const build = fakeBuild(product);
    await withBuildLock(lock, { say() {}, done: () => existsSync(product), ...never }, build.run);
    expect(build.runs).toBe(1);
  });

  it('waits for a live build, saying whose it is, and uses what it built', async () => {
    const { lock, product } = cache();
    let finishFirst!: () => void;
    const first = withBuildLock(lock, { say() {}, done: () => existsSync(product) }, async () => {
      await new Promise<void>((resolve) => (finishFirst = resolve));
      writeFileSync(product, 'built');
    });

    const lines: string[] = [];
    let twoReports!: () => void;
    const reported = new Promise<void>((resolve) => (twoReports = resolve));
    const second = fakeBuild(product);
    const waiting = withBuildLock(lock, { say: (line) => (lines.push(line) === 2 ? twoReports() : undefined), done: () => existsSync(product), pollMs: 5, reportMs: 20 }, second.run);
    await reported;
    const whose = new RegExp(`^Waiting for another build: process ${process.pid} on ${hostname()}, building since \\S+ \\(for \\d+ s\\)\\.$`);
    expect(lines).toEqual([expect.stringMatching(whose), expect.stringMatching(whose)]);

    finishFirst();
    await Promise.all([first, waiting]);
    expect(second.runs).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });
});
