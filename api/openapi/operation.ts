// One operation of the published contract, declared once per route: who may call it, what it
// takes (the routes' own schemas) and what it answers. `openApiOperation` adds what every route of
// its kind answers too: the edge's refusals, the 404 of each path parameter, the role's 401 and
// 403, and the outages of what it uses.
import { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from 'zod-openapi';
import { csvFileKinds } from '../../common/csv/files';
import type { ApiErrorCode } from '../errors';
import { pathParams } from '../params';
import { sourceNameSchema } from '../webhooks/sources';
import { roles, type Role } from '../tokens';
import { errorAnswers } from './error-answers';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Answer {
  description: string;
  /** A JSON answer's schema. */
  json?: z.ZodType;
  /** Any other answer's media type. */
  type?: 'text/csv' | 'text/html' | 'text/plain';
}

export interface Operation {
  method: Method;
  /** As OpenAPI writes it: `/api/tenants/{id}`. */
  path: string;
  id: string;
  tag: string;
  summary: string;
  description?: string;
  /** The smallest role that may call it; absent for a public route (no token). */
  role?: Role;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; type?: 'application/json' | 'text/csv' | 'application/x-www-form-urlencoded' };
  answers: Record<number, Answer>;
  /** The codes of its own refusals; those every route of its kind answers are added. */
  errors?: readonly ApiErrorCode[];
  /** What it reads or writes beyond the request: each can be down (a 503). The bearer check reads the database. */
  uses?: readonly ('database' | 'temporal')[];
  /** A page for people: its refusals are pages too, and only the app's edge answers JSON. */
  page?: boolean;
}

/** An operation of support's that goes through the tenant's or the run's workflow. */
export const drivesWorkflow = { role: 'support', uses: ['database', 'temporal'] } as const;

interface DocumentedParam {
  schema: z.ZodType<string>;
  notFound: ApiErrorCode;
}

const documentedParams: Record<string, DocumentedParam> = {
  ...pathParams,
  kind: { schema: z.enum(csvFileKinds).meta({ description: 'Which file: users, groups or group-mappings.' }), notFound: 'unknown_file_kind' },
  linkToken: { schema: z.string().meta({ description: "The link's token: the last segment of its url." }), notFound: 'link_not_found' },
  // A webhook's tenant: an unknown one answers as a wrong signature does (api/webhooks/receive.ts).
  tenantId: { schema: pathParams.id.schema, notFound: 'webhook_unauthenticated' },
  source: { schema: sourceNameSchema, notFound: 'webhook_source_not_found' },
};

// Before any route: the body parser's refusals, and Roster's own faults.
const edge: ApiErrorCode[] = ['invalid_json', 'bad_request', 'payload_too_large', 'internal_error'];

const roleSentence = (role: Role | undefined) => {
  if (!role) return 'Public: no token.';
  const above = roles.slice(roles.indexOf(role) + 1);
  return `Role: \`${role}\`${above.length ? ` (or ${above.map((r) => `\`${r}\``).join(', ')})` : ''}.`;
};

function pathParamsOf(path: string) {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const unknown = names.find((name) => !documentedParams[name]);
  if (unknown) throw new Error(`The path parameter {${unknown}} of ${path} has no documented schema.`);
  return names.map((name) => [name, documentedParams[name]!] as const);
}

/** Every error code the operation can answer. */
function errorsOf(operation: Operation, params: readonly (readonly [string, DocumentedParam])[]): ApiErrorCode[] {
  if (operation.page) return edge;
  const { role, uses = ['database'] } = operation;
  return [
    ...edge,
    ...(role ? ['unauthenticated' as const] : []),
    ...(role && role !== roles[0] ? ['forbidden' as const] : []),
    ...(role && operation.method !== 'get' ? ['csrf_token_invalid' as const] : []),
    ...params.map(([, param]) => param.notFound),
    ...(operation.errors ?? []),
    // A JSON body sent as another media type (api/errors.ts parseBody).
    ...(operation.body && (operation.body.type ?? 'application/json') === 'application/json' ? ['unsupported_media_type' as const] : []),
    ...uses.map((dependency) => `${dependency}_unavailable` as const),
  ];
}

/** The answers and the error answers, one entry per status (a page's status may also answer JSON from the edge). */
function responsesOf(operation: Operation, codes: readonly ApiErrorCode[]): ZodOpenApiResponsesObject {
  const responses: Record<string, ZodOpenApiResponseObject> = errorAnswers(codes);
  for (const [status, { description, json, type }] of Object.entries(operation.answers)) {
    const content = json ? { 'application/json': { schema: json } } : { [type!]: { schema: z.string() } };
    const error = responses[status];
    responses[status] = error ? { description: `${description}\n\n${error.description}`, content: { ...error.content, ...content } } : { description, content };
  }
  return responses;
}

export function openApiOperation(operation: Operation): ZodOpenApiOperationObject {
  const params = pathParamsOf(operation.path);
  const { body } = operation;
  return {
    operationId: operation.id,
    tags: [operation.tag],
    summary: operation.summary,
    description: [roleSentence(operation.role), operation.description].filter(Boolean).join('\n\n'),
    security: operation.role ? [{ bearer: [] }] : [],
    requestParams: {
      ...(params.length > 0 && { path: z.object(Object.fromEntries(params.map(([name, param]) => [name, param.schema]))) }),
      ...(operation.query && { query: operation.query }),
    },
    ...(body && {
      // Required when an empty body would be refused.
      requestBody: { required: !body.schema.safeParse({}).success, content: { [body.type ?? 'application/json']: { schema: body.schema } } },
    }),
    responses: responsesOf(operation, errorsOf(operation, params)),
  };
}
