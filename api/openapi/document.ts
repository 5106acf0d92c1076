// The published contract: an OpenAPI 3.1 document generated from the zod schemas that validate
// requests and type answers, so it says what the code does. Built once per process; served at
// /openapi.json and read at /docs (./routes.ts).
import { createRequire } from 'node:module';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { ApiErrorCode } from '../errors';
import { codecOperations } from './codec';
import { demoDirectoryOperations } from './demo-directory';
import { anyErrorBody } from './error-answers';
import { fileOperations } from './files';
import { keyOperations } from './keys';
import { openApiOperation, type Operation } from './operation';
import { operatorOperations } from './operators';
import { personSyncOperations } from './person-sync';
import { syncRunOperations } from './sync-runs';
import { tenantOperations } from './tenants';
import { tokenOperations } from './tokens';
import { webhookOperations } from './webhooks';
import { welcomeOperations } from './welcomes';

export const operations: readonly Operation[] = [...tenantOperations, ...keyOperations, ...fileOperations, ...syncRunOperations, ...personSyncOperations, ...demoDirectoryOperations, ...tokenOperations, ...operatorOperations, ...codecOperations, ...webhookOperations, ...welcomeOperations];

/** What a request that matches no operation can answer: a route that does not exist, or the edge before routing. */
export const unmatchedCodes: readonly ApiErrorCode[] = ['not_found', 'unauthenticated', 'invalid_json', 'bad_request', 'payload_too_large', 'database_unavailable', 'internal_error'];

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const description = `Roster runs managed HRIS integrations: support walks each tenant through onboarding, then Roster syncs its HR directory into the platform's accounts. docs/API.md describes the conventions; this document is generated from the code.

- **Auth**: \`Authorization: Bearer <token>\` on every \`/api\` route but a link's redemption, and on \`/codec\` (Temporal's codec endpoint, which also takes a console session). Tokens come from \`POST /api/tokens\` (admin), the console's API tokens page or \`npm run token -- create --name NAME --role ROLE\`; roles, each including the one before: \`viewer\` reads, \`support\` drives tenants and decides about runs, \`admin\` may also offboard and manage tokens.
- **Errors** are \`{"error": {"code", "message", "details"?, …}}\` (the \`Error\` schema). Bad input is 400 \`validation_failed\`, with one \`details\` entry per bad field; it never answers 5xx.
- A request that matches no operation answers ${unmatchedCodes.map((code) => `\`${code}\``).join(', ')}.`;

function paths(): ZodOpenApiPathsObject {
  const byPath: ZodOpenApiPathsObject = {};
  for (const operation of operations) byPath[operation.path] = { ...byPath[operation.path], [operation.method]: openApiOperation(operation) };
  return byPath;
}

let built: ReturnType<typeof createDocument> | undefined;

export function openApiDocument() {
  built ??= createDocument({
    openapi: '3.1.0',
    info: { title: 'Roster API', version, description },
    tags: [...new Set(operations.map((operation) => operation.tag))].map((name) => ({ name })),
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`npm run token -- create`), or ROSTER_ADMIN_TOKEN.' } },
      schemas: { Error: anyErrorBody },
    },
    paths: paths(),
  });
  return built;
}
