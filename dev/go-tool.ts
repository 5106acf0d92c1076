// Development tools built once with Go into a cache outside the repo (the Temporal CLI, Temporal's
// UI server): machines without internet cannot download binaries, but they can reach the Go
// module proxy. One build at a time across processes; each builds into its own staging folder.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { withBuildLock } from './build-lock';

export interface GoTool {
  /** What the user reads while it builds, e.g. "the Temporal CLI". */
  title: string;
  /** The package `go install` builds, and its module's version. */
  module: string;
  version: string;
  /** The binary's name as `go install` writes it, and the cache folder's prefix. */
  binary: string;
  cacheName: string;
}

export const isExecutable = (path: string) => {
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

export const toolDir = (tool: GoTool) => join(cacheRoot(), `${tool.cacheName}-${tool.version}`);
export const cachedTool = (tool: GoTool) => join(toolDir(tool), tool.binary);

export function goAvailable(): boolean {
  try {
    execFileSync('go', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Builds the tool with `go install` into the cache, unless another process just did; answers its path. */
export async function buildWithGo(tool: GoTool, say: (line: string) => void): Promise<string> {
  const dir = toolDir(tool);
  const target = cachedTool(tool);
  mkdirSync(dir, { recursive: true });
  await withBuildLock(join(dir, '.building'), { say, done: () => isExecutable(target) }, () => goInstall(tool, say));
  return target;
}

async function goInstall(tool: GoTool, say: (line: string) => void): Promise<void> {
  const dir = toolDir(tool);
  const staging = mkdtempSync(join(dir, 'build-'));
  say(`Building ${tool.title} ${tool.version} with Go into ${dir}.`);
  say('This happens once per machine and takes a few minutes (and a few GB of memory); later starts reuse it.');
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('go', ['install', `${tool.module}@${tool.version}`], {
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
      else reject(new Error(`go install ${tool.module}@${tool.version} failed with exit code ${code}`));
    });
  });
  renameSync(join(staging, tool.binary), cachedTool(tool));
  rmSync(staging, { recursive: true, force: true });
  say(`Built in ${Math.round((Date.now() - started) / 1000)} s: ${cachedTool(tool)}`);
}
