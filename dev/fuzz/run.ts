// One Schemathesis run against the stack's published contract (`st run <url>/openapi.json`): every
// phase (the schema's examples, the coverage phase's boundary and invalid values, random fuzzing,
// and stateful sequences that follow links from one answer into the next request), positive and
// negative data, the checks of the targets and a 5 s limit on each answer.
import { spawn } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_VARIABLE } from './config';
import { CHECKS, MAX_RESPONSE_SECONDS } from './report';
import type { SchemathesisCommand } from './schemathesis';

export interface RunSettings {
  /** Test cases per operation and phase (Schemathesis's --max-examples). */
  maxExamples: number;
  seed: number;
  /** Also show Schemathesis's own progress on stderr. */
  echo: boolean;
}

/** A request without an answer after this long is a hang (an answer after 5 s already fails). */
const REQUEST_TIMEOUT_SECONDS = 15;

export interface RunOutput {
  ndjson: string;
  log: string;
  exitCode: number | null;
}

export async function runSchemathesis(command: SchemathesisCommand, target: { url: string; token: string }, config: string, dir: string, settings: RunSettings, signal: AbortSignal): Promise<RunOutput> {
  const configFile = join(dir, 'schemathesis.toml');
  writeFileSync(configFile, config);
  const ndjson = join(dir, 'events.ndjson');
  const log = join(dir, 'schemathesis.log');
  const args = [
    ...command.args,
    '--config-file',
    configFile,
    'run',
    `${target.url}/openapi.json`,
    '--phases=examples,coverage,fuzzing,stateful',
    '--mode=all',
    `--checks=${CHECKS.join(',')}`,
    `--max-response-time=${MAX_RESPONSE_SECONDS}`,
    `--request-timeout=${REQUEST_TIMEOUT_SECONDS}`,
    `--max-examples=${settings.maxExamples}`,
    `--seed=${settings.seed}`,
    // One worker: with two, Python 3.11's ast module failed under the threads ("AST constructor recursion
    // depth mismatch"), and the GIL leaves a second thread little to gain on two cores.
    '--workers=1',
    // Keep going after a failure: the summary counts every one.
    '--continue-on-failure',
    '--generation-database=none',
    '--report=ndjson',
    `--report-ndjson-path=${ndjson}`,
    '--no-color',
  ];
  const output = createWriteStream(log);
  // In the run's folder: nothing Schemathesis or Hypothesis writes lands in the repo.
  const child = spawn(command.python, args, { cwd: dir, env: { ...process.env, [TOKEN_VARIABLE]: target.token }, stdio: ['ignore', 'pipe', 'pipe'], signal });
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.pipe(output, { end: false });
    if (settings.echo) stream.pipe(process.stderr, { end: false });
  }
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  output.end();
  return { ndjson, log, exitCode };
}
