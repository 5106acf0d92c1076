// Finds the Temporal CLI for the dev server: TEMPORAL_CLI_PATH, then `temporal` on PATH, then a
// build cached outside the repo, then a build with Go into that cache. Machines without internet
// cannot download the CLI, but they can reach the Go module proxy; v1.5.1 is the last tag that
// `go install` accepts (later tags carry a replace directive).
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { withBuildLock } from './build-lock';

export const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const CLI_VERSION = 'v1.5.1';

export type CliSource = { kind: 'binary'; path: string; origin: string } | { kind: 'sdk-download' };

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** Where Roster keeps the tools it installs for development, outside the repo (also Schemathesis: dev/fuzz). */
export function cacheRoot(): string {
  return process.env.ROSTER_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'roster');
}

export function cacheDir(): string {
  return join(cacheRoot(), `temporal-cli-${CLI_VERSION}`);
}

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find(isExecutable);
}

function goAvailable(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const say = (line: string) => process.stderr.write(`[temporal-cli] ${line}\n`);

/** Builds the CLI with `go install` into the cache; one build at a time across processes. */
async function buildWithGo(target: string): Promise<void> {
  const dir = cacheDir();
  mkdirSync(dir, { recursive: true });
  await withBuildLock(join(dir, '.building'), { say, done: () => isExecutable(target) }, () => goInstall(dir, target));
}

async function goInstall(dir: string, target: string): Promise<void> {
  const staging = mkdtempSync(join(dir, 'build-'));
  say(`Building the Temporal CLI ${CLI_VERSION} with Go into ${dir}.`);
  say('This happens once per machine and takes a few minutes (and a few GB of memory); later starts reuse it.');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', `${CLI_MODULE}@${CLI_VERSION}`], {
      env: { ...process.env, GOBIN: staging, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let downloads = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        if (line.startsWith('go: downloading')) {
          downloads += 1;
          if (downloads % 25 === 1) say(`downloading Go modules (${downloads} so far)…`);
        } else say(line);
      }
    });
    const ticker = setInterval(() => say(`still building… ${Math.round((Date.now() - started) / 1000)} s`), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(ticker);
      if (code === 0) resolve();
      else reject(new Error(`go install ${CLI_MODULE}@${CLI_VERSION} failed with exit code ${code}`));
    });
  });
  renameSync(join(staging, 'temporal'), target);
  rmSync(staging, { recursive: true, force: true });
  say(`Built in ${Math.round((Date.now() - started) / 1000)} s: ${target}`);
}

export async function findTemporalCli(): Promise<CliSource> {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file.`);
    return { kind: 'binary', path: explicit, origin: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { kind: 'binary', path: fromPath, origin: 'PATH' };
  const cached = join(cacheDir(), 'temporal');
  if (isExecutable(cached)) return { kind: 'binary', path: cached, origin: 'cache' };
  if (goAvailable()) {
    try {
      await buildWithGo(cached);
      return { kind: 'binary', path: cached, origin: 'go install' };
    } catch (error) {
      say(`${(error as Error).message}; trying the SDK's download instead.`);
    }
  }
  if (existsSync(cached)) rmSync(cached, { force: true });
  return { kind: 'sdk-download' };
}

export const cliMissingMessage =
  'Roster could not find, build or download the Temporal CLI. Install Go 1.22 or later (Roster builds the CLI with it, once), ' +
  'or install the Temporal CLI (https://docs.temporal.io/cli) and put `temporal` on PATH or set TEMPORAL_CLI_PATH.';
