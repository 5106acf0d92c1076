// Finds the Temporal CLI for the dev server: TEMPORAL_CLI_PATH, then `temporal` on PATH, then a
// build cached outside the repo, then a build with Go into that cache (dev/go-tool.ts). v1.5.1 is
// the last tag that `go install` accepts (later tags carry a replace directive).
import { existsSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { buildWithGo, cachedTool, goAvailable, isExecutable, type GoTool } from './go-tool';

export const temporalCli: GoTool = { title: 'the Temporal CLI', module: 'github.com/temporalio/cli/cmd/temporal', version: 'v1.5.1', binary: 'temporal', cacheName: 'temporal-cli' };

export type CliSource = { kind: 'binary'; path: string; origin: string } | { kind: 'sdk-download' };

function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)).find(isExecutable);
}

const say = (line: string) => process.stderr.write(`[temporal-cli] ${line}\n`);

export async function findTemporalCli(): Promise<CliSource> {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file.`);
    return { kind: 'binary', path: explicit, origin: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { kind: 'binary', path: fromPath, origin: 'PATH' };
  const cached = cachedTool(temporalCli);
  if (isExecutable(cached)) return { kind: 'binary', path: cached, origin: 'cache' };
  if (goAvailable()) {
    try {
      return { kind: 'binary', path: await buildWithGo(temporalCli, say), origin: 'go install' };
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
