// What each worker's workflow cache did during a night, from the SDK's own counters on its metrics
// port: workflow tasks served from the cache (hits) and those that had to replay the history first
// (misses), forced evictions, the time spent executing workflow tasks, and how long workflow and
// activity tasks waited in the queue before this worker took them. A herd whose runs outnumber
// the cache replays on most tasks; these figures show whether it did.
import { sdkMetricPrefix } from '../../telemetry/metrics/catalogue';
import { parsePrometheusText, total } from '../../test/telemetry/prometheus-text';

const counters = {
  hits: 'sticky_cache_hit_total',
  misses: 'sticky_cache_miss_total',
  forcedEvictions: 'sticky_cache_total_forced_eviction_total',
  workflowTasks: 'workflow_task_execution_latency_seconds_count',
  workflowTaskSeconds: 'workflow_task_execution_latency_seconds_sum',
  workflowTaskWaitSeconds: 'workflow_task_schedule_to_start_latency_seconds_sum',
  activities: 'activity_schedule_to_start_latency_seconds_count',
  activityWaitSeconds: 'activity_schedule_to_start_latency_seconds_sum',
} as const;

export type CacheCounters = Record<keyof typeof counters, number>;

/** The counters now, summed over their labels; undefined when the worker does not answer. */
export async function readCacheCounters(metricsUrl: string | undefined): Promise<CacheCounters | undefined> {
  if (!metricsUrl) return undefined;
  try {
    const answer = await fetch(metricsUrl, { signal: AbortSignal.timeout(5_000) });
    if (!answer.ok) return undefined;
    const scraped = parsePrometheusText(await answer.text());
    return Object.fromEntries(Object.entries(counters).map(([key, name]) => [key, total(scraped, sdkMetricPrefix + name)])) as CacheCounters;
  } catch {
    return undefined;
  }
}

/** What happened between two readings, with the share of workflow tasks that missed the cache. */
export function cacheDuring(before: CacheCounters | undefined, after: CacheCounters | undefined) {
  if (!before || !after) return undefined;
  const delta = Object.fromEntries(Object.keys(counters).map((key) => [key, Number((after[key as keyof CacheCounters] - before[key as keyof CacheCounters]).toFixed(2))])) as CacheCounters;
  const lookups = delta.hits + delta.misses;
  const mean = (sum: number, count: number) => (count ? Number((sum / count).toFixed(3)) : 0);
  return {
    ...delta,
    missShare: mean(delta.misses, lookups),
    meanWorkflowTaskSeconds: mean(delta.workflowTaskSeconds, delta.workflowTasks),
    meanWorkflowTaskWaitSeconds: mean(delta.workflowTaskWaitSeconds, delta.workflowTasks),
    meanActivityWaitSeconds: mean(delta.activityWaitSeconds, delta.activities),
  };
}
