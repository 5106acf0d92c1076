// Schemathesis, the fuzzer of `npm run fuzz`: a pinned version from PyPI in a Python venv cached
// outside the repo (next to the Temporal CLI's cache), installed once per machine. The venv is
// built in a staging folder and renamed into place, so a half-done install is never taken for a
// done one; it is run as `<venv>/bin/python -m schemathesis.cli`, which survives that rename
// (a console script's shebang would not).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { withBuildLock } from '../build-lock';
import { cacheRoot } from '../go-tool';

export const SCHEMATHESIS_VERSION = '4.32.5';

const run = promisify(execFile);
const say = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

export const schemathesisDir = () => join(cacheRoot(), `schemathesis-${SCHEMATHESIS_VERSION}`);
const venvPython = (venv: string) => join(venv, 'bin', 'python');

/** The command that runs Schemathesis: the venv's python and its arguments before `run`. */
export interface SchemathesisCommand {
  python: string;
  args: string[];
}

/** The last line a failed tool wrote, which says why (pip's "No matching distribution…", a resolver error). */
function lastLine(error: unknown): string {
  const { stderr, message } = error as { stderr?: string; message: string };
  return (stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? message.split('\n')[0]!;
}

async function install(dir: string): Promise<void> {
  const staging = mkdtempSync(join(dir, 'install-'));
  const started = Date.now();
  say(`Installing Schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${dir} (once per machine, about half a minute).`);
  try {
    await run('python3', ['-m', 'venv', staging]);
    await run(venvPython(staging), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `Roster could not install Schemathesis ${SCHEMATHESIS_VERSION} into ${dir}: ${lastLine(error)} ` +
        '(the fuzz needs python3 3.11 or later with venv and pip, and PyPI reachable for its first run).',
    );
  }
  renameSync(staging, join(dir, 'venv'));
  say(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** Schemathesis, installed first if this machine has no copy yet; one install at a time across processes. */
export async function ensureSchemathesis(): Promise<SchemathesisCommand> {
  const dir = schemathesisDir();
  const python = venvPython(join(dir, 'venv'));
  if (!existsSync(python)) {
    mkdirSync(dir, { recursive: true });
    await withBuildLock(join(dir, '.installing'), { say, done: () => existsSync(python) }, () => install(dir));
  }
  return { python, args: ['-m', 'schemathesis.cli'] };
}
