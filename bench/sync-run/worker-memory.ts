// The worker's memory through the measured run, by phase: its RSS sampled every 50 ms and, with
// --trace-gc-worker, the JavaScript heap of its main isolate from the GC trace, so that a peak can
// be put down to a phase, and to the heap or to the rest of the process.
import type { Span } from './phases';
import { memoryOf, resetPeak, sampleRss, type RssSampler } from './processes';

export interface GcLine {
  isolate: string;
  at: number;
  kind: string;
  before: number;
  committedBefore: number;
  after: number;
}

/** `[pid:0x…]   1234 ms: Mark-Compact 512.3 (530.1) -> 400.2 (420.0) MB, …` */
const traceGc = /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: ([\w-]+(?: \(reduce\))?) (\d+(?:\.\d+)?) \((\d+(?:\.\d+)?)\) -> (\d+(?:\.\d+)?)/;

/** A collection the worker's --trace-gc line reports, timed from the worker's start; undefined for any other line. */
export function gcLineOf(line: string, workerStartedAt: number): GcLine | undefined {
  const gc = traceGc.exec(line);
  return gc ? { isolate: gc[1]!, at: workerStartedAt + Number(gc[2]), kind: gc[3]!, before: Number(gc[4]), committedBefore: Number(gc[5]), after: Number(gc[6]) } : undefined;
}

type Memory = ReturnType<typeof memoryOf>;

/** From just before the run: the worker's memory then, its peak mark reset (when the kernel lets us), its RSS sampled. */
export function watchWorkerMemory(pid: number): { idle: Memory; peakReset: boolean; stopSampling: RssSampler['stop'] } {
  const idle = memoryOf(pid);
  const peakReset = resetPeak(pid);
  const sampler = sampleRss(pid);
  return { idle, peakReset, stopSampling: () => sampler.stop() };
}

const within = <T extends { at: number }>(items: T[], span: Span | undefined) => (span ? items.filter((item) => item.at >= span.from && item.at <= span.to) : []);

/** MB of the main isolate's JavaScript heap in each phase: the most before a collection, the most a full collection kept. */
function heapByPhase(windows: Record<string, Span | undefined>, gcLines: GcLine[]) {
  if (!gcLines.length) return undefined;
  const mainIsolate = Object.entries(gcLines.reduce<Record<string, number>>((n, g) => ({ ...n, [g.isolate]: (n[g.isolate] ?? 0) + 1 }), {})).sort((a, b) => b[1] - a[1])[0]?.[0];
  const mainGcs = gcLines.filter((g) => g.isolate === mainIsolate);
  return Object.fromEntries(
    Object.entries(windows).map(([name, span]) => {
      const gcs = within(mainGcs, span);
      // The live heap: what a full collection (Mark-Compact) kept.
      return [name, { beforeGc: Math.max(0, ...gcs.map((g) => g.before)), liveAfterFullGc: Math.max(0, ...gcs.filter((g) => g.kind.startsWith('Mark')).map((g) => g.after)), fullGcs: gcs.filter((g) => g.kind.startsWith('Mark')).length }];
    }),
  );
}

/** The worker's memory from start-up through the run, with the peak and the RSS and heap of each phase of `windows`. */
export function workerFigures(
  { startup, idle, peakReset, sampled, after }: { startup: Memory & { ms: number }; idle: Memory; peakReset: boolean; sampled: ReturnType<RssSampler['stop']>; after: Memory },
  windows: Record<string, Span | undefined>,
  gcLines: GcLine[],
) {
  return {
    startupMs: startup.ms,
    rssAtStartup: startup.rss,
    peakThroughStartup: startup.peak,
    rssBeforeRun: idle.rss,
    peakBeforeRun: idle.peak,
    peakDuringRun: peakReset ? after.peak : undefined,
    sampledPeakDuringRun: sampled.peak,
    rssAfterRun: after.rss,
    peakMarkReset: peakReset,
    peakAt: Object.entries(windows).find(([, span]) => span && sampled.at >= span.from && sampled.at <= span.to)?.[0] ?? 'between activities',
    rssByPhase: Object.fromEntries(Object.entries(windows).map(([name, span]) => [name, Math.max(0, ...within(sampled.samples, span).map((s) => s.rss))])),
    heapMbByPhase: heapByPhase(windows, gcLines),
  };
}
