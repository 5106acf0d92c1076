// `npm run fuzz`: fuzzes the API through its published contract with Schemathesis. It installs the
// pinned Schemathesis once per machine (./schemathesis.ts), starts the whole stack as `npm start`
// does (./stack.ts), seeds tenants in every stage (./seed.ts), runs every phase against
// /openapi.json (./run.ts) and judges the answers (./report.ts).
//
//   npm run fuzz                     the full run: at least 10,000 requests, a new seed each time
//   npm run fuzz -- --short          every phase in about 2,500 requests, with a fixed seed (npm test runs it)
//   npm run fuzz -- --seed 1234      repeat a run; --keep keeps its folder; --summary-json FILE
//
// Exit code: 0 when every target is met, 1 when one is missed, 2 when the fuzz could not run.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzConfig } from './config';
import { missedTargets, printSummary, readReport } from './report';
import { runSchemathesis, type RunSettings } from './run';
import { ensureSchemathesis } from './schemathesis';
import { seedTenants } from './seed';
import { startFuzzStack, type FuzzStack } from './stack';

const say = (line: string) => process.stderr.write(`[fuzz] ${line}\n`);

/** The short run's seed: the same requests every time, so a failure in npm test can be replayed. */
const SHORT_SEED = 14;

const modes = {
  full: { maxExamples: 300, minRequests: 10_000 },
  short: { maxExamples: 8, minRequests: 800 },
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { short: { type: 'boolean' }, seed: { type: 'string' }, keep: { type: 'boolean' }, 'summary-json': { type: 'string' } } });
  const mode = values.short ? modes.short : modes.full;
  const seed = values.seed !== undefined ? Number(values.seed) : values.short ? SHORT_SEED : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, not '${values.seed}'.`);
  const settings: RunSettings = { maxExamples: mode.maxExamples, seed, echo: !values.short };

  const command = await ensureSchemathesis();
  const dir = mkdtempSync(join(tmpdir(), 'roster-fuzz-'));
  // PostgreSQL runs as its own user under root: it must be able to enter this folder.
  chmodSync(dir, 0o755);
  let stack: FuzzStack | undefined;
  let keep = values.keep ?? false;
  const started = Date.now();
  // The stack runs in its own process group, which Ctrl-C does not reach: stop it before leaving.
  const interrupted = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted.abort();
      void (stack?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
  try {
    say(`starting the stack as npm start does (data and logs in ${dir})`);
    stack = await startFuzzStack(dir);
    const data = await seedTenants(stack.url, stack.adminToken, say);
    say(`fuzzing ${stack.url}/openapi.json with Schemathesis (seed ${seed}, ${mode.maxExamples} examples per operation and phase)`);
    const output = await runSchemathesis(command, { url: stack.url, token: stack.adminToken }, fuzzConfig(data), dir, settings, interrupted.signal);
    const summary = await readReport(output.ndjson).catch((error: Error) => {
      throw new Error(`Schemathesis exited ${output.exitCode} without a readable report (${error.message}): see ${output.log}`);
    });
    const missed = missedTargets(summary, mode.minRequests);
    say(`done in ${Math.round((Date.now() - started) / 1000)} s`);
    printSummary(summary, missed, (line) => console.log(line));
    if (values['summary-json']) writeFileSync(values['summary-json'], JSON.stringify({ seed, ...summary, missed }, null, 2));
    if (missed.length > 0) {
      keep = true;
      console.log(`Replay with: npm run fuzz -- --seed ${seed}${values.short ? ' --short' : ''}. Schemathesis's output: ${output.log}; the stack's log: ${stack.logFile}.`);
    }
    return missed.length === 0 ? 0 : 1;
  } catch (error) {
    keep = true;
    throw error;
  } finally {
    await stack?.stop();
    if (keep) say(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    // One line: the test of the short run shows it as its failure.
    console.error(error.message.replace(/\s*\n\s*/g, ' '));
    process.exit(2);
  },
);
