// The Temporal SDK's own worker metrics (task slots, poll and schedule-to-start latencies, …) come
// from its Runtime's Prometheus exporter. It listens on a free loopback port of its own, and the
// worker's metrics port (./worker-server.ts) appends what it serves, so each worker process is one
// scrape target. One port per process, kept if the Runtime is installed again after a shutdown.
import { freePort } from '../../common/free-port';

let address: Promise<string> | undefined;

/** The `telemetryOptions.metrics` of Runtime.install. */
export async function sdkMetricsExporter() {
  address ??= freePort().then((port) => `127.0.0.1:${port}`);
  return { prometheus: { bindAddress: await address, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } };
}

/** What the exporter serves now; nothing before a worker has installed the Runtime, or once it has shut down. */
export async function sdkMetricsText(): Promise<string> {
  if (!address) return '';
  try {
    const answer = await fetch(`http://${await address}/metrics`, { signal: AbortSignal.timeout(2_000) });
    return answer.ok ? await answer.text() : '';
  } catch {
    return '';
  }
}
