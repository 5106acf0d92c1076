// An in-process BambooHR API (docs/CONNECTORS.md, "BambooHR") on a free local port. It serves both URL
// forms (/api/v1 on the company's host, /api/gateway.php/{company}/v1), Basic auth with the key as
// the username, the custom report (string values, unknown fields silently dropped), the Accept
// rule, one employee by id, and who changed since a time, on a clock of its own that tests move.
// Faults a test can switch on: 401/403 with BambooHR's error header (either spelling), 429 or the
// legacy 503 with Retry-After, 5xx, slow answers. Every request is logged.
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { seededRandom } from '../support/seeded-random';
import { createBambooCompany, type BambooCompany } from './bamboohr-company';
import type { BambooDataset, FakeEmployee } from './bamboohr-datasets';
import { bambooApi, basicUser, REASON_HEADER } from './bamboohr-routes';
import { createBambooWebhooks, type BambooWebhooks } from './bamboohr-webhooks';

export { REASON_HEADER } from './bamboohr-routes';

/** Fault switches: `requests` counts down, `fraction` is the share of requests that fail. */
export interface BambooFaults {
  /** Every request refused, with BambooHR's reason in its misspelt header (or the correct one). */
  refuse?: { status: 401 | 403; reason: string; header?: typeof REASON_HEADER | 'X-BambooHR-Error-Message' };
  /** 429 (BambooHR since 2026-09-16) or 503 (before) with Retry-After. */
  throttle?: { status: 429 | 503; retryAfterSeconds: number; requests?: number; fraction?: number };
  /** 5xx without Retry-After. */
  serverErrors?: { status?: number; requests?: number; fraction?: number };
  /** Every answer waits this long first. */
  delayMs?: number;
  /** Webhook management answers 403, as for a key whose user may not manage webhooks. */
  refuseWebhooks?: boolean;
}

export interface BambooRequest {
  method: string;
  /** The path below the API base, e.g. /employees/0, whichever URL form was used. */
  path: string;
  form: 'subdomain' | 'gateway';
  query: Record<string, string>;
  accept?: string;
  /** The Basic username (the key) was the fake's key. */
  keyMatched: boolean;
  /** The fields a report asked for. */
  fields?: string[];
  status?: number;
}

export interface BambooFakeOptions {
  dataset: BambooDataset;
  apiKey?: string;
  subdomain?: string;
  /** Fields this company's BambooHR does not know: asked for, they are silently left out. */
  unknownFields?: string[];
  seed?: number;
}

export interface BambooFake {
  /** The default URL form's base, as if the company's host were this server. */
  url: string;
  /** The older form: /api/gateway.php/{subdomain}/v1. */
  gatewayUrl: string;
  /** A fetch that sends https://{subdomain}.bamboohr.com to this server, as DNS would, the host kept in X-Forwarded-Host. */
  fetch: typeof fetch;
  apiKey: string;
  subdomain: string;
  company: BambooCompany;
  /** The company's people as stored (supervisorId and supervisorEmail are derived when served). */
  employees: FakeEmployee[];
  unknownFields: Set<string>;
  faults: BambooFaults;
  requests: BambooRequest[];
  /** Requests to one path below the API base. */
  calls(path: string): BambooRequest[];
  /**
   * Runs `hook` once while the next request to `path` (below the API base) is answered, after the
   * answer is made: e.g. a change made while the report is read, or a deletion after the list of
   * changes was given.
   */
  during(path: string, hook: () => void): void;
  /** The fake's clock, ISO; it also sets every answer's Date header. */
  now(): string;
  advance(ms: number): void;
  /** Changes a person and stamps lastChanged one second later on the fake's clock. */
  change(id: string, patch: Partial<FakeEmployee>): FakeEmployee;
  /** A new person with the next id, Active from the clock's day unless told otherwise. */
  hire(fields: Pick<FakeEmployee, 'firstName' | 'lastName'> & Partial<FakeEmployee>): FakeEmployee;
  /** Terminated on `date` under `label`; inactive once the date has passed on the fake's clock. */
  terminate(id: string, date: string, label?: string): FakeEmployee;
  /** Deleted, as BambooHR's "Deleted" change. */
  remove(id: string): void;
  /** Registered webhooks, and the posts they sent on each change (./bamboohr-webhooks.ts). */
  webhooks: BambooWebhooks;
  close(): Promise<void>;
}

const notFound = (res: Response) => res.status(404).type('text/html').send('<h1>Not Found</h1>');

export async function startBambooHrFake(options: BambooFakeOptions): Promise<BambooFake> {
  const company = createBambooCompany(options.dataset);
  const hooks = new Map<string, () => void>();
  const webhooks = createBambooWebhooks(company);
  const fake: Omit<BambooFake, 'url' | 'gatewayUrl' | 'fetch' | 'close'> = {
    apiKey: options.apiKey ?? 'bamboo-test-key',
    subdomain: options.subdomain ?? 'acme',
    company,
    employees: company.employees,
    unknownFields: new Set(options.unknownFields ?? []),
    faults: {},
    requests: [],
    calls: (path) => fake.requests.filter((r) => r.path === path),
    during: (path, hook) => hooks.set(path, hook),
    now: company.now,
    advance: company.advance,
    change: webhooks.change,
    hire: webhooks.hire,
    terminate: webhooks.terminate,
    remove: webhooks.remove,
    webhooks,
  };

  // Logs the request, dates the answer on the fake's clock, and refuses another company.
  const mount = (form: BambooRequest['form']) => (req: Request, res: Response, next: NextFunction) => {
    const fields = (req.body as { fields?: string[] } | undefined)?.fields;
    const entry: BambooRequest = { method: req.method, path: req.path, form, query: { ...(req.query as Record<string, string>) }, accept: req.get('accept'), keyMatched: basicUser(req) === fake.apiKey, fields };
    fake.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    res.set('Date', new Date(fake.now()).toUTCString());
    const host = /^([^.]+)\.bamboohr\.com$/.exec(req.get('x-forwarded-host') ?? '')?.[1];
    const asked = form === 'gateway' ? req.params.company : host;
    if (asked !== undefined && asked !== fake.subdomain) return notFound(res);
    next();
  };
  const app = express();
  app.use(express.json());
  const api = bambooApi(fake, { during: hooks, random: seededRandom(options.seed ?? 7), extra: webhooks.routes(() => fake.faults.refuseWebhooks === true) });
  app.use('/api/gateway.php/:company/v1', mount('gateway'), api);
  app.use('/api/v1', mount('subdomain'), api);
  app.use((_req, res) => notFound(res));

  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const routed: typeof fetch = (input, init) => {
    const target = new URL(input instanceof globalThis.Request ? input.url : String(input));
    if (!target.hostname.endsWith('.bamboohr.com')) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set('x-forwarded-host', target.hostname);
    return fetch(new URL(target.pathname + target.search, origin), { ...init, headers });
  };
  return Object.assign(fake, {
    url: `${origin}/api/v1`,
    gatewayUrl: `${origin}/api/gateway.php/${fake.subdomain}/v1`,
    fetch: routed,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  });
}
