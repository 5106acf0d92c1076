// A real SCIM 2.0 server (scimmy + scimmy-routers) hosting several tenants in memory: the demo
// platform of `npm start` and the platform the tests talk to. Mount `router` at a prefix, e.g.
// `/scim`; tenant `acme` then answers at `/scim/acme/v2` with its bearer token, and lists its
// accounts read-only at `/scim/acme/accounts`.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import SCIMMY from 'scimmy';
import SCIMMYRouters from 'scimmy-routers';
import { accountsPage } from './accounts-page';
import { createTenantDirectory, type DirectorySnapshot, type ScimRecord, type TenantDirectory } from './directory';
import { applyFaults, type Fault } from './faults';
import { recordOperations, type ScimOperation } from './operation-log';
import { filePersistence } from './persistence';
import { declareScimResources, type ScimRequestContext } from './resources';

export { demoCustomSchema } from './custom-schema';
export type { ScimOperation } from './operation-log';
export type { ScimRecord } from './directory';

export interface ScimTenant {
  readonly tenantId: string;
  readonly directory: TenantDirectory;
  readonly operations: ScimOperation[];
  /** An account Roster did not create (a platform admin, an SSO user), put in without a request. */
  seedUser(user: Record<string, unknown>): ScimRecord;
  /** The next `times` requests answer `status` (with Retry-After when given). */
  failNext(times: number, answer: { status: number; retryAfterSeconds?: number }): void;
  /** The next `times` requests are answered `delayMs` late. */
  slowNext(times: number, delayMs: number): void;
  /** Drops the faults still waiting: the next requests are answered as usual. */
  recover(): void;
}

export interface ScimServer {
  router: Router;
  /** Adds a tenant, or gives an existing one a new token; restores its data from the file if any. */
  addTenant(tenantId: string, token: string): ScimTenant;
  tenant(tenantId: string): ScimTenant | undefined;
}

export interface ScimServerOptions {
  /** Write-through JSON file, so that the accounts survive restarts. */
  file?: string;
  /** Tenant id → bearer token. */
  tenants?: Record<string, string>;
}

// Express 5 parses `req.query` afresh on every read, so scimmy-routers' cast of startIndex and
// count to numbers would be lost: the parsed query is pinned once per request instead.
const pinQuery: RequestHandler = (request, _response, next) => {
  Object.defineProperty(request, 'query', { value: { ...request.query }, writable: true, configurable: true, enumerable: true });
  next();
};

// scimmy-routers passes 5xx errors on after answering them; they need no second answer.
const answered: ErrorRequestHandler = (error, _request, response, next) => {
  if (!response.headersSent) next(error);
};

const digest = (token: string) => createHash('sha256').update(token).digest();
const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

export function createScimServer(options: ScimServerOptions = {}): ScimServer {
  declareScimResources();
  const persistence = options.file ? filePersistence(options.file) : undefined;
  const tenants = new Map<string, ScimTenant & { tokenDigest: Buffer; faults: Fault[] }>();
  const persist = (tenantId: string) => persistence?.save({ [tenantId]: tenants.get(tenantId)!.directory.snapshot() });
  const tenantOf = (request: Request) => tenants.get(String(request.params.tenantId));

  const scim = new SCIMMYRouters({
    type: 'bearer',
    handler: (request) => {
      const tenant = tenantOf(request);
      const token = /^Bearer (.+)$/i.exec(request.header('authorization') ?? '')?.[1];
      if (!tenant || !token || !timingSafeEqual(digest(token), tenant.tokenDigest)) throw new Error('Bearer token rejected');
      return tenant.tenantId;
    },
    context: (request): ScimRequestContext => ({
      directory: tenantOf(request)!.directory,
      created: (id) => {
        request.res!.locals.createdId = id;
      },
    }),
  });

  const router = express.Router();
  router.get('/:tenantId/accounts', accountsPage((request) => tenantOf(request)?.directory));
  router.use(
    '/:tenantId/v2',
    // Parsed here, ahead of scimmy's own parser (which then skips), so the log holds the bodies.
    express.json({ type: ['application/scim+json', 'application/json'], limit: '1mb' }),
    recordOperations((request) => tenantOf(request)?.operations),
    applyFaults((request) => tenantOf(request)?.faults),
    pinQuery,
    scim,
    answered,
  );

  const addTenant = (tenantId: string, token: string): ScimTenant => {
    const existing = tenants.get(tenantId);
    if (existing) {
      existing.tokenDigest = digest(token);
      return existing;
    }
    const snapshot: DirectorySnapshot | undefined = persistence?.load(tenantId);
    const directory = createTenantDirectory(snapshot, () => persist(tenantId));
    const faults: Fault[] = [];
    const tenant = {
      tenantId,
      directory,
      operations: [],
      tokenDigest: digest(token),
      faults,
      seedUser: (user: Record<string, unknown>) => directory.saveUser(plain(new SCIMMY.Schemas.User(user, 'in'))),
      failNext: (times: number, answer: { status: number; retryAfterSeconds?: number }) => faults.push(...Array<Fault>(times).fill(answer)),
      slowNext: (times: number, delayMs: number) => faults.push(...Array<Fault>(times).fill({ delayMs })),
      recover: () => void faults.splice(0),
    };
    tenants.set(tenantId, tenant);
    return tenant;
  };
  for (const [tenantId, token] of Object.entries(options.tenants ?? {})) addTenant(tenantId, token);

  return { router, addTenant, tenant: (tenantId) => tenants.get(tenantId) };
}
