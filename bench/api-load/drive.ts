// Drives one route group at a fixed rate twice: with the paced open-model client (the figures the
// targets are judged on) and with autocannon (`overallRate`, 20 connections: bursts at the start of
// each second, its latency "corrected" by a 1 ms expected interval), kept beside it for comparison.
// Both run in this process; the API runs in its own (api-app.ts).
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { drivePaced, type PacedFigures } from './paced';
import type { RouteGroup } from './routes';

export interface GroupFigures {
  name: string;
  targetP99Ms: number;
  distinctPaths: number;
  paced: PacedFigures;
  autocannon: PacedFigures;
  load: { atStart: string; atEnd: string };
}

export interface Drive {
  baseUrl: string;
  token: string;
  rate: number;
  seconds: number;
}

const CONNECTIONS = 20;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

export async function driveGroup(group: RouteGroup, { baseUrl, token, rate, seconds }: Drive): Promise<GroupFigures> {
  const atStart = load();
  const paced = await drivePaced({ baseUrl, token, rate, seconds, connections: CONNECTIONS, paths: group.paths });
  const result = await autocannon({
    url: baseUrl,
    workers: 1,
    connections: CONNECTIONS,
    overallRate: rate,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: group.paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    name: group.name,
    targetP99Ms: group.targetP99Ms,
    distinctPaths: group.paths.length,
    paced,
    autocannon: { requests: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, non2xx: result.non2xx, errors: result.errors },
    load: { atStart, atEnd: load() },
  };
}
