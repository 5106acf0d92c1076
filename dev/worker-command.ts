// The production worker's command line, read from package.json's `worker` script, so that the
// benchmark and the crash tests start the worker exactly as `npm run worker` does, Node flags
// included, rather than a copy that could drift.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The arguments `npm run worker` gives `node`, e.g. `['--heap-growing-percent=10', '--max-semi-space-size=4', '--import', 'tsx', 'worker/main.ts']`. */
export function workerNodeArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [command, ...args] = scripts.worker!.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`package.json's worker script must start with node, not ${command}`);
  return args;
}
