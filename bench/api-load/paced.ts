// An open-model load, as wrk2 makes it: request i is due at start + i / rate whatever became of
// the earlier ones, sent on at most `connections` keep-alive sockets, and its latency counts from
// when it was due, so a server that falls behind shows in the figures instead of slowing the load.
// Autocannon's `overallRate` is not this: each connection sends its share of a second back to back
// when the second starts, so 200 requests/s arrive as one burst of 200 (BENCHMARKS.md).
import { Agent, request } from 'node:http';

export interface PacedLoad {
  baseUrl: string;
  token: string;
  rate: number;
  seconds: number;
  connections: number;
  paths: readonly string[];
}

export interface PacedFigures {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

export function drivePaced({ baseUrl, token, rate, seconds, connections, paths }: PacedLoad): Promise<PacedFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(baseUrl);
  const total = Math.round(rate * seconds);
  const dueAt = (index: number) => start + (index * 1000) / rate;
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let next = 0;
  const start = performance.now();

  return new Promise((resolve) => {
    const settle = () => {
      if (latencies.length + errors < total) return;
      agent.destroy();
      resolve({ requests: latencies.length, ...percentiles(latencies), non2xx, errors });
    };
    const send = (index: number) => {
      const due = dueAt(index);
      const sent = request({ agent, hostname, port, path: paths[index % paths.length], headers: { authorization: `Bearer ${token}` } }, (answer) => {
        answer.resume();
        answer.on('end', () => {
          latencies.push(performance.now() - due);
          if (answer.statusCode === undefined || answer.statusCode < 200 || answer.statusCode >= 300) non2xx += 1;
          settle();
        });
      });
      sent.on('error', () => {
        errors += 1;
        settle();
      });
      sent.end();
    };
    const tick = () => {
      while (next < total && dueAt(next) <= performance.now()) send(next++);
      if (next < total) setTimeout(tick, Math.max(0, dueAt(next) - performance.now()));
    };
    tick();
  });
}

/** p50, p99 and max in whole milliseconds, rounded up as autocannon reports them. */
function percentiles(latencies: number[]): Pick<PacedFigures, 'p50' | 'p99' | 'max'> {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (share: number) => Math.ceil(sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? 0);
  return { p50: at(0.5), p99: at(0.99), max: Math.ceil(sorted.at(-1) ?? 0) };
}
