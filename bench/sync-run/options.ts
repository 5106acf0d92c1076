// The benchmark's flags (BENCHMARKS.md) and the machine it runs on, as the results name it: its
// figures mean little without the CPU, the memory and how busy the machine was.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

export function readOptions() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string', default: '100000' },
      'rate-items': { type: 'string', default: '1000' },
      rates: { type: 'string', default: '50,20' },
      'main-rate': { type: 'string', default: '1000' },
      'main-concurrency': { type: 'string', default: '8' },
      json: { type: 'string' },
      /** `prebuilt`: the worker loads a workflow bundle built beforehand (ROSTER_WORKFLOW_BUNDLE), as production images do. */
      worker: { type: 'string', default: 'production' },
      /** A folder for a CPU profile of the worker (node --cpu-prof), written when it stops. */
      'profile-worker': { type: 'string' },
      /** Only the 100,000-person run: no apply-rate runs, no unpaced SCIM timing. */
      'main-only': { type: 'boolean', default: false },
      /** Run the worker with --trace-gc, to tell its JavaScript heap from the rest of its RSS. */
      'trace-gc-worker': { type: 'boolean', default: false },
      /** `lean` (default): the benchmark's lean /Groups handler in front of scimmy (bench/sync-run/lean-groups.ts); `scimmy`: scimmy's own. */
      'scim-groups': { type: 'string', default: 'lean' },
    },
  });
  return {
    people: Number(values.people),
    rateItems: Number(values['rate-items']),
    rates: values.rates.split(',').filter(Boolean).map(Number),
    /** The main run's platform limits: the most a tenant may be given (api/tenant-input.ts). */
    mainRate: Number(values['main-rate']),
    mainConcurrency: Number(values['main-concurrency']),
    json: values.json,
    prebuilt: values.worker === 'prebuilt',
    profileWorker: values['profile-worker'],
    mainOnly: values['main-only'],
    traceGcWorker: values['trace-gc-worker'],
    leanGroups: values['scim-groups'] !== 'scimmy',
  };
}

export type BenchOptions = ReturnType<typeof readOptions>;

export function machine() {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  let kernel = '';
  try {
    kernel = execFileSync('uname', ['-sr'], { encoding: 'utf8' }).trim();
  } catch {
    kernel = 'unknown';
  }
  return { cpu, cpus: availableParallelism(), memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`, node: process.version, kernel };
}

export function uptime(): string {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return loadavg().join(' ');
  }
}
