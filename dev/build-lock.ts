// One build at a time across processes: a lock folder that names its owner. A lock whose owner is
// gone (a build killed half-way) is taken over at once, and waiting for a live one says whose it is.
// A takeover racing another one at worst runs two builds; each builds into its own staging folder
// and renames the result into place, so the lock only saves work and never guards correctness.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

export interface BuildLockOptions {
  say: (line: string) => void;
  /** True once what the build makes exists, e.g. built by the process that held the lock. */
  done: () => boolean;
  /** How often a waiter looks at the lock again. */
  pollMs?: number;
  /** How often a waiter says whose build it waits for. */
  reportMs?: number;
  /** How long a lock may have no owner: the moment between its mkdir and its owner file. */
  graceMs?: number;
  /** A lock from another host cannot be checked; after this long it is taken to be dead. */
  foreignHostMs?: number;
}

const ownerFile = (lock: string) => join(lock, 'owner.json');

function readOwner(lock: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(ownerFile(lock), 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

type LockState = { kind: 'free' } | { kind: 'stale'; why: string } | { kind: 'held'; owner: LockOwner } | { kind: 'starting' };

function inspect(lock: string, graceMs: number, foreignHostMs: number): LockState {
  const stat = statSync(lock, { throwIfNoEntry: false });
  if (!stat) return { kind: 'free' };
  const owner = readOwner(lock);
  if (!owner) return Date.now() - stat.mtimeMs > graceMs ? { kind: 'stale', why: 'it names no owner (left by a killed build or an older Roster)' } : { kind: 'starting' };
  const whose = `process ${owner.pid} on ${owner.hostname}, since ${owner.startedAt}`;
  if (owner.hostname === hostname()) return alive(owner.pid) ? { kind: 'held', owner } : { kind: 'stale', why: `its owner (${whose}) is gone` };
  const old = Date.now() - Date.parse(owner.startedAt) > foreignHostMs;
  return old ? { kind: 'stale', why: `its owner (${whose}) has held it for over ${foreignHostMs / 60_000} min` } : { kind: 'held', owner };
}

function tryAcquire(lock: string): LockOwner | undefined {
  try {
    mkdirSync(lock);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  // Written aside and renamed, so a reader never sees half an owner.
  const temporary = `${ownerFile(lock)}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(owner));
  renameSync(temporary, ownerFile(lock));
  return owner;
}

const whoBuilds = (owner: LockOwner) => {
  const seconds = Math.floor((Date.now() - Date.parse(owner.startedAt)) / 1000);
  return `process ${owner.pid} on ${owner.hostname}, building since ${owner.startedAt} (for ${seconds < 120 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`})`;
};

/** Runs `build` holding the lock folder `lock`, unless `done()` becomes true while waiting for it. */
export async function withBuildLock(lock: string, options: BuildLockOptions, build: () => Promise<void>): Promise<void> {
  const { say, done, pollMs = 1000, reportMs = 30_000, graceMs = 5000, foreignHostMs = 30 * 60_000 } = options;
  let reportedAt: number | undefined;
  let owner: LockOwner | undefined;
  while (!(owner = tryAcquire(lock))) {
    const state = inspect(lock, graceMs, foreignHostMs);
    if (state.kind === 'stale') {
      say(`Taking over the build lock ${lock}: ${state.why}.`);
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (state.kind === 'held' && (reportedAt === undefined || Date.now() - reportedAt >= reportMs)) {
      say(`Waiting for another build: ${whoBuilds(state.owner)}.`);
      reportedAt = Date.now();
    }
    if (state.kind !== 'free') await new Promise((r) => setTimeout(r, pollMs));
    if (done()) return;
  }
  try {
    if (!done()) await build();
  } finally {
    // Only our own lock: one taken over from us (judged dead) is someone else's now.
    const current = readOwner(lock);
    if (current?.pid === owner.pid && current.startedAt === owner.startedAt) rmSync(lock, { recursive: true, force: true });
  }
}
