// Drives one route group at a fixed rate with autocannon, in its own worker thread so that the
// load's client does not share the API's event loop, and reads the latency autocannon measured
// (corrected for coordinated omission: a late answer delays the requests due behind it).
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import type { RouteGroup } from './routes';

export interface GroupFigures {
  name: string;
  targetP99Ms: number;
  distinctPaths: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  load: { atStart: string; atEnd: string };
}

export interface Drive {
  baseUrl: string;
  token: string;
  rate: number;
  seconds: number;
}

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

export async function driveGroup(group: RouteGroup, { baseUrl, token, rate, seconds }: Drive): Promise<GroupFigures> {
  const atStart = load();
  const result = await autocannon({
    url: baseUrl,
    workers: 1,
    connections: 20,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: group.paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    name: group.name,
    targetP99Ms: group.targetP99Ms,
    distinctPaths: group.paths.length,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    load: { atStart, atEnd: load() },
  };
}
