// An in-process Humaans API (docs/CONNECTORS.md, "Humaans") on a free local port: its paging envelope
// with $limit capped, bearer auth and scopes (without private:read, new hires and leavers, and their
// custom values, are silently missing), and faults a test can switch on: rejected or forbidden
// tokens, 429 with Retry-After, 5xx, slow answers, and a directory that moves while it is paged.
// Every request is logged so tests can assert what was called.
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import type { FakePerson, HumaansDataset } from './humaans-datasets';
import { seededRandom } from '../support/seeded-random';

export interface HumaansFaults {
  /** Every request answered with it, as for a revoked or powerless token. */
  status?: 401 | 403;
  /** 429 for the next `requests` requests, or for a `fraction` of them. */
  rateLimit?: { requests?: number; fraction?: number; retryAfterSeconds: number };
  /** 5xx without Retry-After for the next `requests` requests, or a `fraction` of them. */
  serverErrors?: { requests?: number; fraction?: number; status?: number };
  /** Answers wait this long before they start. */
  delayMs?: number;
  /** Someone is hired after a page of people is served: once, or after every page. */
  directoryMoves?: 'once' | 'always';
  /** A Humaans without the custom values list: its path answers 404 like any unknown path. */
  noCustomValues?: boolean;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status?: number;
}

export interface HumaansFakeOptions {
  dataset: HumaansDataset;
  token?: string;
  scopes?: string[];
  /** The largest $limit honoured; larger ones are capped silently. */
  maxLimit?: number;
  seed?: number;
}

export interface HumaansFake {
  /** The API's base, path prefix included. */
  url: string;
  token: string;
  dataset: HumaansDataset;
  scopes: string[];
  /** When false, /token-info answers 404 as if Humaans had no such endpoint. */
  tokenInfo: boolean;
  faults: HumaansFaults;
  requests: FakeRequest[];
  /** Requests to one path (without the /api prefix). */
  calls(path: string): FakeRequest[];
  emptyDirectory(): void;
  /** Removes an evenly spread `fraction` of the people. */
  shrinkDirectory(fraction: number): void;
  close(): Promise<void>;
}

export const PRIVATE_SCOPE = 'private:read';
export const PUBLIC_SCOPE = 'public:read';
const DEFAULT_LIMIT = 100;

const newcomer: FakePerson = {
  id: '',
  firstName: 'New',
  lastName: '',
  preferredName: null,
  email: null,
  personalEmail: null,
  employeeId: null,
  status: 'active',
  locationId: null,
  teams: [],
  contractType: null,
  employmentStartDate: null,
  employmentEndDate: null,
  lastWorkingDay: null,
  leavingReason: null,
};

export async function startHumaansFake(options: HumaansFakeOptions): Promise<HumaansFake> {
  const next = seededRandom(options.seed ?? 1);
  const maxLimit = options.maxLimit ?? 250;
  let hires = 0;

  const fake: Omit<HumaansFake, 'url' | 'close'> = {
    token: options.token ?? 'humaans-test-token',
    dataset: options.dataset,
    scopes: options.scopes ?? [PUBLIC_SCOPE, PRIVATE_SCOPE],
    tokenInfo: true,
    faults: {},
    requests: [],
    calls: (path) => fake.requests.filter((r) => r.path === `/api${path}`),
    emptyDirectory() {
      fake.dataset = { ...fake.dataset, people: [], jobRoles: [], customValues: [] };
    },
    shrinkDirectory(fraction) {
      const people = fake.dataset.people.filter((_, i) => Math.floor((i + 1) * fraction) === Math.floor(i * fraction));
      fake.dataset = { ...fake.dataset, people };
    },
  };

  const fails = (rule: { requests?: number; fraction?: number } | undefined) => {
    if (!rule) return false;
    if (rule.requests !== undefined && rule.requests > 0) {
      rule.requests -= 1;
      return true;
    }
    return rule.fraction !== undefined && next() < rule.fraction;
  };
  const error = (res: Response, code: number, name: string, message: string) => res.status(code).json({ name, message, code });
  const visible = (p: FakePerson) => fake.scopes.includes(PRIVATE_SCOPE) || p.status === 'active';
  const paged = <T>(req: Request, res: Response, all: T[]) => {
    const limit = Math.min(Number(req.query.$limit ?? DEFAULT_LIMIT), maxLimit);
    const skip = Number(req.query.$skip ?? 0);
    res.json({ total: all.length, limit, skip, data: all.slice(skip, skip + limit) });
  };

  const app = express();
  app.use((req, res, next) => {
    const entry: FakeRequest = { method: req.method, path: req.path, query: { ...(req.query as Record<string, string>) } };
    fake.requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    next();
  });
  app.use(async (_req, _res, next) => {
    if (fake.faults.delayMs) await new Promise((resolve) => setTimeout(resolve, fake.faults.delayMs));
    next();
  });
  app.use((req, res, next) => {
    const { rateLimit, serverErrors } = fake.faults;
    if (fails(rateLimit)) return res.status(429).set('retry-after', String(rateLimit!.retryAfterSeconds)).json({ name: 'TooManyRequests', message: 'Slow down', code: 429 });
    if (fails(serverErrors)) return error(res, serverErrors!.status ?? 503, 'Unavailable', 'Try again later');
    if (req.get('authorization') !== `Bearer ${fake.token}` || fake.faults.status === 401) return error(res, 401, 'NotAuthenticated', 'Invalid access token');
    if (fake.faults.status === 403) return error(res, 403, 'Forbidden', 'You do not have access to this resource');
    next();
  });
  const needsScope = (_req: Request, res: Response, next: () => void) => {
    if (!fake.scopes.includes(PUBLIC_SCOPE)) return error(res, 403, 'Forbidden', 'Missing scope public:read');
    next();
  };

  app.get('/api/me', (_req, res) => {
    res.json(fake.dataset.people.find((p) => p.status === 'active') ?? { id: 'token-owner' });
  });
  app.get('/api/token-info', (_req, res) => {
    if (!fake.tokenInfo) return error(res, 404, 'NotFound', 'Page not found');
    res.json({ scopes: fake.scopes });
  });
  app.get('/api/people', needsScope, (req, res) => {
    paged(req, res, fake.dataset.people.filter(visible));
    const moves = fake.faults.directoryMoves;
    if (!moves) return;
    // The newcomer goes first, shifting everyone after them by one place.
    hires += 1;
    fake.dataset.people.unshift({ ...newcomer, id: `p-hired-mid-read-${hires}`, lastName: `Newcomer${hires}`, email: `new.${hires}@acme.example` });
    if (moves === 'once') fake.faults.directoryMoves = undefined;
  });
  app.get('/api/job-roles', needsScope, (req, res) => {
    const personId = req.query.personId;
    paged(req, res, personId ? fake.dataset.jobRoles.filter((r) => r.personId === personId) : fake.dataset.jobRoles);
  });
  app.get('/api/locations', needsScope, (req, res) => paged(req, res, fake.dataset.locations));
  // Values follow their person: those of someone the key may not see, or who is gone, are not listed.
  app.get('/api/custom-values', needsScope, (req, res) => {
    if (fake.faults.noCustomValues) return error(res, 404, 'NotFound', 'Page not found');
    const listed = new Set(fake.dataset.people.filter(visible).map((p) => p.id));
    const personId = req.query.personId;
    paged(req, res, fake.dataset.customValues.filter((v) => listed.has(v.personId) && (!personId || v.personId === personId)));
  });
  app.use((_req, res) => error(res, 404, 'NotFound', 'Page not found'));

  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as { port: number };
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/api`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  });
}
