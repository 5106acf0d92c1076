// The published contract (api/openapi/): /openapi.json is a valid OpenAPI 3.1 document that names
// every route of the app and nothing else, /docs reads it with files Roster serves itself, and the
// check every test's answers go through (test/support/contract.ts) refuses what it does not document.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorCodes } from '../../api/error-codes';
import { isConsoleRouter } from '../../console/app';
import { unmatchedCodes } from '../../api/openapi/document';
import { contractProblem } from '../support/contract';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({}, { startWorker: false });
});
afterAll(() => stack?.stop());

type Document = { openapi: string; paths: Record<string, Record<string, { operationId: string; security?: unknown[]; description?: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> }>> };

const fetchDocument = async () => (await stack.request<Document>('GET', '/openapi.json', undefined, null)).body;

/** Every route of the app as Express 5 keeps them, `:param` written `{param}` as OpenAPI does. */
function appRoutes(): string[] {
  type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
  const walk = (layers: Layer[]): string[] =>
    layers
      .filter((layer) => !isConsoleRouter(layer.handle))
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`) : walk(layer.handle?.stack ?? [])));
  return [...new Set(walk((stack.app as unknown as { router: { stack: Layer[] } }).router.stack))].sort();
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, without a token', async () => {
    const answer = await stack.request('GET', '/openapi.json', undefined, null);
    expect(answer.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(answer.body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every route of the app, and no route the app does not have', async () => {
    const { paths } = await fetchDocument();
    const documented = Object.entries(paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    const routes = appRoutes();
    expect(routes.length).toBeGreaterThan(30);
    expect(documented).toEqual(routes);
  });

  it('asks for a bearer token on /api but for a link and a webhook, and on the codec endpoint, and says which role each operation needs', async () => {
    const { paths } = await fetchDocument();
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const name = `${method.toUpperCase()} ${path}`;
        const secured = (path.startsWith('/api/') && !path.startsWith('/api/authorize/') && !path.startsWith('/api/webhooks/')) || path.startsWith('/codec/');
        expect(operation.security, name).toEqual(secured ? [{ bearer: [] }] : []);
        expect(operation.description, name).toMatch(secured ? /^Role: `(viewer|support|admin)`/ : /^Public: no token\./);
        if (secured) expect(Object.keys(operation.responses), name).toContain('401');
      }
    }
  });

  it('answers every code of api/error-codes.ts somewhere, each error status with a body', async () => {
    const { paths } = await fetchDocument();
    const answered = new Set<string>(unmatchedCodes);
    for (const item of Object.values(paths)) {
      for (const operation of Object.values(item)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          const schema = response.content?.['application/json']?.schema as { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } } | undefined;
          for (const code of schema?.properties?.error?.properties?.code?.enum ?? []) answered.add(code);
          if (Number(status) >= 400) expect(response.content, `${status} of ${operation.operationId}`).toBeDefined();
        }
      }
    }
    expect([...answered].sort()).toEqual([...new Set(apiErrorCodes)].sort());
  });
});

describe('GET /docs', () => {
  it('is Swagger UI from files Roster serves, with no inline script or style', async () => {
    const page = await fetch(`${stack.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    // Under `default-src 'self'`: no inline script, style or event handler, nothing from elsewhere.
    expect(html).not.toMatch(/<style|\sstyle=|\son\w+=/i);
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\//);
      expect(body!.trim()).toBe('');
    }
    const assets = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    for (const asset of assets) {
      expect(asset, asset).toMatch(/^\/docs\//);
      const answer = await fetch(stack.url + asset);
      expect(answer.status, asset).toBe(200);
      const type = asset.endsWith('.css') ? /^text\/css/ : asset.endsWith('.js') ? /javascript/ : /^image\//;
      expect(answer.headers.get('content-type'), asset).toMatch(type);
      await answer.arrayBuffer();
    }
    // The initializer reads the document this app serves.
    const init = await (await fetch(`${stack.url}/docs/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui/swagger-ui-bundle.js', '/docs/swagger-ui/swagger-ui.css', '/docs/init.js']));
  });
});

describe('the answer check of every test', () => {
  const json = (status: number, body: unknown) => ({ status, contentType: 'application/json; charset=utf-8', text: JSON.stringify(body) });

  it('passes an answer the contract documents', async () => {
    const answer = await stack.request('GET', '/api/tenants');
    expect(answer.status).toBe(200);
    expect(contractProblem('GET', '/healthz', json(200, { status: 'ok' }))).toBeUndefined();
    expect(contractProblem('GET', '/api/tenants/acme', json(404, { error: { code: 'tenant_not_found', message: 'There is no tenant.' } }))).toBeUndefined();
    expect(contractProblem('GET', '/api/nothing-here', json(404, { error: { code: 'not_found', message: 'There is no GET /api/nothing-here.' } }))).toBeUndefined();
  });

  it('refuses an undocumented status, media type, body or code, naming the operation', () => {
    expect(contractProblem('GET', '/healthz', json(201, { status: 'ok' }))).toMatch(/GET \/healthz \(health\).*201.*not documented/s);
    expect(contractProblem('GET', '/healthz', { status: 200, contentType: 'text/plain', text: 'ok' })).toMatch(/media type is not documented/);
    const leak = contractProblem('GET', '/api/tenants/acme/syncs', json(200, { syncs: [{ id: 'x', tokenRef: 'secret-ref' }] }));
    expect(leak).toMatch(/GET \/api\/tenants\/\{id\}\/syncs \(listSyncs\)/);
    expect(leak).toMatch(/must NOT have additional properties/);
    expect(contractProblem('POST', '/api/tenants/acme/pause', json(409, { error: { code: 'run_finished', message: '…' } }))).toMatch(/must be equal to one of the allowed values/);
    expect(contractProblem('GET', '/api/nothing-here', json(409, { error: { code: 'tenant_exists', message: '…' } }))).toMatch(/no documented operation.*'tenant_exists' is not among/s);
  });
});
