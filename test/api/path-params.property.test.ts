// Properties of the path-parameter checks (api/params.ts) for any value a URL can carry: a router
// made by apiRouter() reaches its handler with the decoded value exactly when the value keeps its
// parameter's rule (written here again as the oracle), answers that parameter's 404 otherwise, and
// a 400 for bytes that are not UTF-8 — never a 5xx. A URL carries bytes, so a lone surrogate cannot
// reach these checks; test/common/validation.property.test.ts covers it for line().
import { Agent, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../api/errors';
import { apiRouter } from '../../api/params';
import { anyText, brokenTextRule, characters, isLoneSurrogate, textAround } from '../support/unicode-text';

let server: Server;
const agent = new Agent({ keepAlive: true });

beforeAll(async () => {
  const router = apiRouter();
  router.get('/tenants/:id', (req, res) => res.json(req.params));
  router.get('/syncs/:syncId', (req, res) => res.json(req.params));
  router.get('/people/:hrisId', (req, res) => res.json(req.params));
  const app = express().use(router).use(errorHandler);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
});
afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Every byte percent-encoded, so the URL is exactly these bytes: no dot segments, no normalising. */
const percentEncoded = (bytes: Uint8Array) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

function answer(path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, path, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

const lowerOrDigit = (char: string) => (char >= 'a' && char <= 'z') || (char >= '0' && char <= '9');
const hexDigit = (char: string) => lowerOrDigit(char.toLowerCase()) && char.toLowerCase() <= 'f';

const rules = {
  // 2 to 63 lower-case letters, digits or dashes, starting with a letter or digit.
  id: (value: string) => value.length >= 2 && value.length <= 63 && lowerOrDigit(value[0]!) && characters(value).every((char) => lowerOrDigit(char) || char === '-'),
  // A UUID, in either case: 8-4-4-4-12 hex digits.
  syncId: (value: string) => {
    const groups = value.split('-');
    return groups.length === 5 && groups.map((group) => group.length).join() === '8,4,4,4,12' && characters(groups.join('')).every(hexDigit);
  },
  // At most 255 characters, none of them a control character.
  hrisId: (value: string) => brokenTextRule(value, 255) === undefined,
};

// Ids one character short of or past the bounds, and strings of characters ids have or lack.
const nearTenantId = fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), fc.string({ unit: fc.constantFrom(...'az09-_A. é'), minLength: 1, maxLength: 66 }));
// A UUID with one character replaced or dropped.
const nearUuid = fc.tuple(fc.uuid(), fc.nat(36), fc.constantFrom('', 'A', 'g', '-', '0', 'é')).map(([uuid, at, char]) => `${uuid.slice(0, at)}${char}${uuid.slice(at + 1)}`);
const params = [
  { name: 'id', route: 'tenants', notFound: 'tenant_not_found', near: nearTenantId },
  { name: 'syncId', route: 'syncs', notFound: 'sync_not_found', near: fc.oneof(fc.uuid(), fc.uuid().map((uuid) => uuid.toUpperCase()), nearUuid) },
  { name: 'hrisId', route: 'people', notFound: 'person_not_found', near: textAround(255) },
] as const;

describe.each(params)(':$name', ({ name, route, notFound, near }) => {
  const rule = rules[name];
  // Anything UTF-8 can spell (so no lone surrogate), and never empty, which would be another route.
  const value = fc.oneof(near, anyText({ minLength: 1, maxLength: 80 })).filter((text) => text.length > 0 && !characters(text).some(isLoneSurrogate));

  it(`reaches the handler with the value exactly when it keeps the rule; otherwise answers 404 ${notFound}`, async () => {
    await fc.assert(
      fc.asyncProperty(value, async (text) => {
        const { status, body } = await answer(`/${route}/${percentEncoded(Buffer.from(text, 'utf8'))}`);
        if (rule(text)) expect({ status, body }).toEqual({ status: 200, body: { [name]: text } });
        else expect({ status, code: body.error.code }).toEqual({ status: 404, code: notFound });
      }),
      { numRuns: 300 },
    );
  });

  it('answers bytes that are not UTF-8 with a 400, and any other bytes as their text', async () => {
    const bytes = fc.uint8Array({ minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(bytes, async (raw) => {
        const { status, body } = await answer(`/${route}/${percentEncoded(raw)}`);
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
        } catch {
          expect({ status, code: body.error.code }).toEqual({ status: 400, code: 'bad_request' });
          return;
        }
        expect(status).toBe(rule(text) ? 200 : 404);
      }),
      { numRuns: 200 },
    );
  });
});
