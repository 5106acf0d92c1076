// An in-process Worknice GraphQL API (docs/CONNECTORS.md, "Worknice") on a free local port: POST
// /api/graphql with the key in `worknice-api-token`, queries validated against the confirmed
// schema and resolved over a seeded organisation (archived people only with includeArchived:
// true), and faults a test can switch on: a refused key as HTTP 401 or as GraphQL errors beside a
// 200, 429 or 503 with Retry-After, 5xx, GraphQL errors, a failing field, a broken record and slow
// answers. Every request is logged so tests can assert what was called.
import { once } from 'node:events';
import express, { type Response } from 'express';
import { seededRandom } from '../support/seeded-random';
import type { FakePerson, WorkniceDataset } from './worknice-datasets';
import { execute, FieldError, parseQuery, SyntaxFailure, validate, type GraphNode, type GraphqlError, type Schema, type Selection } from './worknice-graphql';

/** The ways the fake can refuse a key that is not its own: HTTP 401, or beside a 200 a GraphQL error with or without a code, or no session. */
export const keyRefusals = ['http-401', 'graphql-code', 'graphql-message', 'null-session'] as const;
export type KeyRefusal = (typeof keyRefusals)[number];

/** A fault strikes the next `requests` requests, or else a `fraction` of them. */
type Strikes = { requests?: number; fraction?: number };

export interface WorkniceFaults {
  throttle?: Strikes & { retryAfterSeconds: number; status?: 429 | 503 };
  /** 5xx without Retry-After. */
  serverErrors?: Strikes & { status?: number };
  /** GraphQL errors with this code, HTTP 200 and no data. */
  graphqlErrors?: Strikes & { code: string };
  /** The location of the person at this position of the list fails: null, and an error at its path. */
  failingLocationAt?: number;
  /** The person at this position of the list comes without an id, as a broken server might send it. */
  missingIdAt?: number;
  delayMs?: number;
}

export interface WorkniceRequest {
  method: string;
  path: string;
  /** Whether the request carried the fake's key. */
  keyed: boolean;
  query?: string;
  variables?: Record<string, unknown>;
  /** The fields the query selected on the organisation, once it parsed. */
  orgFields: string[];
  status?: number;
}

export interface WorkniceFake {
  /** The API's base, path prefix included. */
  url: string;
  token: string;
  dataset: WorkniceDataset;
  refuseKeyAs: KeyRefusal;
  faults: WorkniceFaults;
  requests: WorkniceRequest[];
  /** The requests that read the people list. */
  peopleReads(): WorkniceRequest[];
  close(): Promise<void>;
}

// The confirmed schema only (docs/CONNECTORS.md): a query asking for anything else fails validation.
const schema: Schema = {
  Query: { session: 'Session' },
  Session: { org: 'Org' },
  Org: { people: 'Person' },
  Person: { id: null, displayName: null, status: null, employeeCode: null, profileEmail: null, startDate: null, currentJob: 'Job', location: 'Location' },
  Job: { person: 'Person', position: 'Position' },
  Position: { title: null, manager: 'Position', currentJob: 'Job' },
  Location: { name: null },
};

function organisation(dataset: WorkniceDataset, faults: WorkniceFaults): GraphNode {
  const positions = new Map(dataset.positions.map((p) => [p.id, p]));
  const holders = new Map<string, FakePerson>();
  for (const p of dataset.people) if (p.job?.positionId && !holders.has(p.job.positionId)) holders.set(p.job.positionId, p);

  const job = (holder: FakePerson, positionId: string | null): GraphNode => ({
    type: 'Job',
    fields: { person: () => person(holder), position: () => (positionId === null ? null : position(positionId)) },
  });
  const position = (id: string): GraphNode | null => {
    const found = positions.get(id);
    if (!found) return null;
    const holder = holders.get(id);
    return {
      type: 'Position',
      fields: {
        title: () => found.title,
        manager: () => (found.managerPositionId === null ? null : position(found.managerPositionId)),
        currentJob: () => (holder ? job(holder, id) : null),
      },
    };
  };
  /** `at` is the person's place in the people list, where list faults strike. */
  const person = (p: FakePerson, at?: number): GraphNode => ({
    type: 'Person',
    fields: {
      id: () => (at !== undefined && at === faults.missingIdAt ? null : p.id),
      displayName: () => p.displayName,
      status: () => p.status,
      employeeCode: () => p.employeeCode,
      profileEmail: () => p.profileEmail,
      startDate: () => p.startDate,
      currentJob: () => (p.job ? job(p, p.job.positionId) : null),
      location: () => {
        if (at !== undefined && at === faults.failingLocationAt) throw new FieldError('Could not load the location.', 'INTERNAL_SERVER_ERROR');
        return p.location === null ? null : { type: 'Location', fields: { name: () => p.location } };
      },
    },
  });
  const people = ({ includeArchived, status }: Record<string, unknown>) =>
    dataset.people.filter((p) => (includeArchived === true || !p.archived) && (!Array.isArray(status) || status.includes(p.status))).map((p, at) => person(p, at));
  return { type: 'Org', fields: { people } };
}

const orgFieldsOf = (selections: Selection[]) =>
  selections.filter((s) => s.name === 'session').flatMap((s) => (s.selections ?? []).filter((o) => o.name === 'org').flatMap((o) => (o.selections ?? []).map((f) => f.name)));

const refuse = (res: Response, status: number, code: string, messages: string[]) => res.status(status).json({ errors: messages.map((message) => ({ message, extensions: { code } })) });

export async function startWorkniceFake(options: { dataset: WorkniceDataset; token?: string; seed?: number }): Promise<WorkniceFake> {
  const random = seededRandom(options.seed ?? 1);
  const strikes = (fault: Strikes | undefined) => {
    if (fault?.requests) return fault.requests-- > 0;
    return fault?.fraction !== undefined && random() < fault.fraction;
  };

  const fake: Omit<WorkniceFake, 'url' | 'close'> = {
    token: options.token ?? 'worknice-test-token',
    dataset: options.dataset,
    refuseKeyAs: 'graphql-code',
    faults: {},
    requests: [],
    peopleReads: () => fake.requests.filter((r) => r.orgFields.includes('people')),
  };

  // The session is where a GraphQL server finds out who is asking: a stranger gets no session.
  const session = (keyed: boolean) => () => {
    if (!keyed && fake.refuseKeyAs === 'graphql-code') throw new FieldError('You must be signed in to do this.', 'UNAUTHENTICATED');
    if (!keyed && fake.refuseKeyAs === 'graphql-message') throw new FieldError('Invalid API token.');
    if (!keyed) return null;
    const org = organisation(fake.dataset, fake.faults);
    return { type: 'Session', fields: { org: () => org } };
  };

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.use((req, res, next) => {
    const body = (req.body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
    const entry: WorkniceRequest = { method: req.method, path: req.path, keyed: req.get('worknice-api-token') === fake.token, orgFields: [], variables: body.variables };
    if (typeof body.query === 'string') entry.query = body.query;
    fake.requests.push(entry);
    res.locals.entry = entry;
    res.on('finish', () => (entry.status = res.statusCode));
    next();
  });
  app.use(async (_req, res, next) => {
    const { delayMs, throttle, serverErrors } = fake.faults;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (strikes(throttle)) return res.set('retry-after', String(throttle!.retryAfterSeconds)).status(throttle!.status ?? 429).json({ errors: [{ message: 'Too many requests.' }] });
    if (strikes(serverErrors)) return res.status(serverErrors!.status ?? 502).type('html').send('<html><body>Bad gateway</body></html>');
    next();
  });

  app.post('/api/graphql', (req, res) => {
    const entry = res.locals.entry as WorkniceRequest;
    if (!entry.keyed && fake.refuseKeyAs === 'http-401') return refuse(res, 401, 'UNAUTHENTICATED', ['Unauthorized']);
    if (entry.query === undefined) return refuse(res, 400, 'BAD_REQUEST', ['Must provide query string.']);
    let selections: Selection[];
    try {
      selections = parseQuery(entry.query);
    } catch (error) {
      if (error instanceof SyntaxFailure) return refuse(res, 400, 'GRAPHQL_PARSE_FAILED', [error.message]);
      throw error;
    }
    entry.orgFields = orgFieldsOf(selections);
    const problems = validate(schema, selections);
    if (problems.length > 0) return refuse(res, 400, 'GRAPHQL_VALIDATION_FAILED', problems);
    const { graphqlErrors } = fake.faults;
    if (strikes(graphqlErrors)) return res.json({ data: null, errors: [{ message: 'Unexpected error.', extensions: { code: graphqlErrors!.code } }] });
    const errors: GraphqlError[] = [];
    const data = execute({ type: 'Query', fields: { session: session(entry.keyed) } }, selections, entry.variables ?? {}, errors);
    res.json(errors.length > 0 ? { data, errors } : { data });
  });
  // Outside the API is the web app, which answers every path with its page.
  app.use((req, res) => {
    if (req.path.startsWith('/api/')) return res.status(404).type('html').send('<html><body>Page not found</body></html>');
    res.type('html').send('<html><body>Worknice</body></html>');
  });

  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/api`,
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  });
}
