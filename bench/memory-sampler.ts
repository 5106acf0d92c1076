// Peak memory while synchronous code runs. Planning never yields to the event loop, so the
// resident set is sampled from a worker thread (RSS is the whole process's), and the heap's peak
// is read from V8's record of every garbage collection in the window.
import { GCProfiler } from 'node:v8';
import { Worker } from 'node:worker_threads';

export interface MemoryPeak {
  rss: number;
  heapUsed: number;
}

const SAMPLER = `
const { workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData);
const timer = setInterval(() => { peak[0] = Math.max(peak[0], process.memoryUsage.rss()); }, 2);
require('node:worker_threads').parentPort.on('message', () => { clearInterval(timer); process.exit(0); });
`;

export interface Sampler {
  /** Measures `task`: its result and the peaks while it ran. */
  measure<T>(task: () => T): Promise<{ result: T; peak: MemoryPeak }>;
  stop(): Promise<void>;
}

export async function startSampler(): Promise<Sampler> {
  const shared = new SharedArrayBuffer(8);
  const peakRss = new Float64Array(shared);
  const worker = new Worker(SAMPLER, { eval: true, workerData: shared });
  await new Promise((resolve) => worker.once('online', resolve));
  // Let the sampler's first tick pass, so its own start-up is part of the baseline.
  await new Promise((resolve) => setTimeout(resolve, 20));

  return {
    async measure(task) {
      peakRss[0] = process.memoryUsage.rss();
      const profiler = new GCProfiler();
      profiler.start();
      const result = task();
      const heapAfter = process.memoryUsage().heapUsed;
      const beforeCollections = profiler.stop()?.statistics.map((gc) => gc.beforeGC.heapStatistics.usedHeapSize) ?? [];
      // One more sampler tick, so a peak at the very end is seen.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const rss = Math.max(peakRss[0] ?? 0, process.memoryUsage.rss());
      return { result, peak: { rss, heapUsed: Math.max(heapAfter, ...beforeCollections) } };
    },
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}
