// A slice of `npm run fuzz` in every test run: the same script in its short mode (a fixed seed, so
// the same requests each time), on its own `npm start` stack, with the same targets. Schemathesis
// is installed once per machine; a machine that cannot install it fails here with the one line
// that says why.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import type { FuzzSummary } from '../../dev/fuzz/report';

const script = fileURLToPath(new URL('../../dev/fuzz/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'roster-fuzz-slice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the fuzz script; SIGINT on timeout, so that it stops its stack. */
function fuzz(args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { signal: AbortSignal.timeout(timeoutMs), killSignal: 'SIGINT', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

test('a seeded slice of the fuzz meets every target: no 5xx, no answer off the document, none slow, no hang', async () => {
  const summaryFile = join(dir, 'summary.json');
  const { code, stdout, stderr } = await fuzz(['--short', '--summary-json', summaryFile], 280_000);
  // Exit 2: the fuzz could not run (no Schemathesis, no stack); its last line says why.
  if (code === 2 || code === -1) throw new Error(stderr.trim().split('\n').pop() || `the fuzz script stopped without a word (exit ${code})`);
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as FuzzSummary & { missed: string[] };
  // The printed summary names each failing request and its answer.
  expect(summary.missed, stdout).toEqual([]);
  expect(code).toBe(0);
  expect(summary.requests).toBeGreaterThanOrEqual(800);
  expect(Object.keys(summary.requestsByPhase).sort()).toEqual(['coverage', 'examples', 'fuzzing', 'stateful']);
  const { serverErrors, documentBreaks, slowAnswers, hangs, fuzzerErrors } = summary;
  expect({ serverErrors, documentBreaks, slowAnswers, hangs, fuzzerErrors }).toEqual({ serverErrors: 0, documentBreaks: 0, slowAnswers: 0, hangs: 0, fuzzerErrors: 0 });
  expect(summary.slowest!.seconds).toBeLessThanOrEqual(5);
}, 300_000);
