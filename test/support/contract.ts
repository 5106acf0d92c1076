// Every answer the tests get, checked against the published contract (api/openapi/): the status
// must be documented for the operation the request matched, the media type for that status, and a
// JSON body must match its schema. A request that matches no operation must answer the `Error`
// schema with one of the codes the document gives for that case. ajv reads the document itself,
// with the JSON Schema dialect OpenAPI 3.1 uses (2020-12).
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { openApiDocument, unmatchedCodes } from '../../api/openapi/document';

const document = openApiDocument();
const documentId = 'roster-openapi';
const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addSchema(document, documentId);

type Responses = Record<string, { content?: Record<string, unknown> }>;

interface DocumentedOperation {
  method: string;
  template: string;
  id: string;
  pattern: RegExp;
  responses: Responses;
}

const methods = ['get', 'put', 'post', 'patch', 'delete'];
// A JSON pointer in a URI fragment: `~` and `/` escaped, then percent-encoded (`{id}`).
const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replaceAll('~', '~0').replaceAll('/', '~1'))).join('/');

// Express matches a path case-insensitively and with or without a trailing slash, one segment per parameter.
const patternOf = (template: string) =>
  new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}/?$`, 'i');

const operations: DocumentedOperation[] = Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
  methods.flatMap((method) => {
    const operation = (item as Record<string, { operationId: string; responses: Responses } | undefined>)[method];
    return operation ? [{ method, template, id: operation.operationId, pattern: patternOf(template), responses: operation.responses }] : [];
  }),
);

const validators = new Map<string, ValidateFunction>();
function validatorAt(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `${documentId}#/${ref}` });
    validators.set(ref, validate);
  }
  return validate;
}

/** The documented operation a request matches, if any. */
function operationFor(method: string, url: string): DocumentedOperation | undefined {
  const path = new URL(url, 'http://roster.test').pathname;
  const wanted = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase();
  return operations.find((operation) => operation.method === wanted && operation.pattern.test(path));
}

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
}

/** Why an answer does not match the contract, or undefined when it does. */
export function contractProblem(method: string, url: string, { status, contentType, text }: Answer): string | undefined {
  const operation = operationFor(method, url);
  const mediaType = contentType?.split(';')[0]!.trim().toLowerCase();
  const what = operation ? `${operation.method.toUpperCase()} ${operation.template} (${operation.id})` : `${method} ${url} (no documented operation)`;
  const problem = (why: string) => `The answer to ${method} ${url} breaks the contract of ${what}: ${status} ${mediaType ?? 'without a body'}: ${why}\nBody: ${text.slice(0, 500)}`;

  let ref: string;
  if (operation) {
    const documented = operation.responses[String(status)];
    if (!documented) return problem(`the status is not documented (documented: ${Object.keys(operation.responses).join(', ')})`);
    const types = Object.keys(documented.content ?? {});
    if (!mediaType || !types.includes(mediaType)) return problem(`the media type is not documented for this status (documented: ${types.join(', ') || 'none'})`);
    if (mediaType !== 'application/json') return undefined;
    ref = pointer('paths', operation.template, operation.method, 'responses', String(status), 'content', mediaType, 'schema');
  } else {
    if (mediaType !== 'application/json') return problem('a request that matches no operation must answer the JSON Error schema');
    ref = pointer('components', 'schemas', 'Error');
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return problem('the body is not JSON');
  }
  const validate = validatorAt(ref);
  if (!validate(body)) return problem(ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' }));
  const code = (body as { error?: { code?: string } }).error?.code;
  if (!operation && !unmatchedCodes.includes(code as never)) return problem(`'${code}' is not among the answers of a request that matches no operation (${unmatchedCodes.join(', ')})`);
  return undefined;
}

/** Fails the calling test when the answer breaks the contract. */
export function checkAnswer(method: string, url: string, answer: Answer): void {
  const problem = contractProblem(method, url, answer);
  if (problem) throw new Error(problem);
}
