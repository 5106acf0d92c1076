// The herd while it runs: the machine's load and every process's memory, sampled, and each
// worker's CPU and workflow cache; the worker to kill, killed once its share of the runs has
// finished; done when every run has.
import { loadavg } from 'node:os';
import type { Say } from '../sync-run/progress';
import { cpuMsOf } from '../run-cost/measure';
import { sampleRss } from '../sync-run/processes';
import type { Stack } from '../sync-run/stack';
import { cacheDuring, readCacheCounters } from './worker-cache';

export interface WatchPlan {
  expected: number;
  finished(): Promise<number>;
  /** SIGKILL the last worker once this share of `expected` has finished. */
  killAt?: number;
  say: Say;
  /** Give up after this long. */
  timeoutMs?: number;
}

export async function watchHerd(stack: Stack, { expected, finished, killAt, say, timeoutMs = 60 * 60_000 }: WatchPlan) {
  const samplers = await Promise.all(
    stack.workers.map(async (worker) => {
      const cacheBefore = await readCacheCounters(worker.metricsUrl);
      return { pid: worker.pid, sampler: sampleRss(worker.pid, 1000), killed: false, cpu: { startMs: cpuMsOf(worker.pid), endMs: Number.NaN }, cache: { before: cacheBefore, after: cacheBefore } };
    }),
  );
  const stopCounting = async (sampler: (typeof samplers)[number], worker: Stack['workers'][number]) => {
    sampler.cpu.endMs = cpuMsOf(worker.pid);
    sampler.cache.after = await readCacheCounters(worker.metricsUrl);
  };
  const api = sampleRss(stack.apiProcess?.pid ?? process.pid, 1000);
  const loads: number[] = [];
  const loadTimer = setInterval(() => loads.push(loadavg()[0]!), 5_000);
  loadTimer.unref();
  const deadline = Date.now() + timeoutMs;
  let killedAfter: number | undefined;
  let said = -1;
  try {
    for (;;) {
      const done = await finished();
      if (done !== said && (done === expected || done - said >= expected / 10)) {
        say(`runs finished: ${done}/${expected}, load ${loadavg()[0]!.toFixed(2)}`);
        said = done;
      }
      if (killAt !== undefined && killedAfter === undefined && done >= expected * killAt && stack.workers.length > 1) {
        const victim = stack.workers.at(-1)!;
        const sampler = samplers.at(-1)!;
        await stopCounting(sampler, victim);
        await victim.kill();
        sampler.killed = true;
        killedAfter = done;
        say(`SIGKILLed worker ${victim.pid} after ${done} runs had finished`);
      }
      if (done >= expected) break;
      if (Date.now() > deadline) throw new Error(`Only ${done} of ${expected} runs finished within ${timeoutMs / 60_000} minutes`);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  } finally {
    clearInterval(loadTimer);
  }
  await Promise.all(samplers.map((sampler, index) => (sampler.killed ? undefined : stopCounting(sampler, stack.workers[index]!))));
  const average = loads.length ? loads.reduce((sum, load) => sum + load, 0) / loads.length : Number.NaN;
  return {
    workers: samplers.map(({ pid, sampler, killed, cpu, cache }) => ({ pid, peak: sampler.stop().peak, killed, cpuMs: cpu.endMs - cpu.startMs, cache: cacheDuring(cache.before, cache.after) })),
    api: { peak: api.stop().peak },
    killedAfter,
    load: { mean1m: Number(average.toFixed(2)), max1m: Math.max(...loads, 0) },
  };
}
