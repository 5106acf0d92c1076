// The API's figures, one registry per app: its requests by route pattern, and what it reads from
// PostgreSQL at each scrape (tenants by stage, stale tenants, open health problems, the mail
// outbox, held runs), served at GET /metrics. Public like /healthz: counts only, no tenant, person
// or URL.
import { Router, type RequestHandler } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { routePattern } from '../../api/request-log';
import type { Db } from '../../common/db';
import { stages } from '../../common/stages';
import { openProblemCounts } from '../../common/tenant-health/store';
import { apiCatalogue as named } from './catalogue';

export interface ApiMetrics {
  /** Times every request by the route it matched. */
  requestDurations: RequestHandler;
  /** GET /metrics. */
  routes: Router;
}

const secondsSince = (at: Date | string | null | undefined, now: number) => (at ? Math.max(0, (now - new Date(at).getTime()) / 1000) : 0);

/** One load for every gauge that reads it in the same scrape. */
function sharedLoad<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().finally(() => {
      loading = undefined;
    }));
}

export function createApiMetrics(db: Db): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Histogram({ ...named.httpRequestDuration, registers });

  new Gauge({
    ...named.tenants,
    registers,
    async collect() {
      const rows: { stage: string; count: string }[] = await db('tenants').select('stage').count('* as count').groupBy('stage');
      const counts = new Map(rows.map((row) => [row.stage, Number(row.count)]));
      for (const stage of stages) this.set({ stage }, counts.get(stage) ?? 0);
    },
  });
  // Stale is tenant health's rule, applied by its hourly sweep: the gauge counts what the sweep found.
  const problems = sharedLoad(() => openProblemCounts(db));
  new Gauge({
    ...named.tenantsStale,
    registers,
    async collect() {
      this.set((await problems()).stale);
    },
  });
  new Gauge({
    ...named.tenantProblems,
    registers,
    async collect() {
      for (const [type, count] of Object.entries(await problems())) this.set({ type }, count);
    },
  });

  const outbox = sharedLoad(async () => {
    const rows: { status: string; count: string; oldest: Date | null }[] = await db('mail_outbox').whereIn('status', ['pending', 'failed']).select('status').count('* as count').min('created_at as oldest').groupBy('status');
    return new Map(rows.map((row) => [row.status, row]));
  });
  new Gauge({
    ...named.mailOutbox,
    registers,
    async collect() {
      const rows = await outbox();
      for (const status of ['pending', 'failed']) this.set({ status }, Number(rows.get(status)?.count ?? 0));
    },
  });
  new Gauge({
    ...named.mailOutboxOldestPending,
    registers,
    async collect() {
      this.set(secondsSince((await outbox()).get('pending')?.oldest, Date.now()));
    },
  });

  // A held run is its tenant's open run: found from the tenants, not by scanning every run.
  const held = sharedLoad(
    async () =>
      (await db('tenants as t')
        .join('sync_runs as r', 'r.id', 't.active_sync_id')
        .where('r.status', 'awaiting_approval')
        .count('* as count')
        .min('r.held_at as oldest')
        .first()) as unknown as { count: string; oldest: Date | null },
  );
  new Gauge({
    ...named.runsHeld,
    registers,
    async collect() {
      this.set(Number((await held()).count));
    },
  });
  new Gauge({
    ...named.runsHeldOldest,
    registers,
    async collect() {
      this.set(secondsSince((await held()).oldest, Date.now()));
    },
  });

  const requestDurations: RequestHandler = (req, res, next) => {
    const end = requests.startTimer();
    res.on('finish', () => end({ route: routePattern(req), method: req.method, status: String(res.statusCode) }));
    next();
  };
  const routes = Router().get('/metrics', async (_req, res) => {
    const text = await registry.metrics();
    res.set('content-type', registry.contentType).send(text);
  });
  return { requestDurations, routes };
}
