// The network policy of the one HTTP layer, on real sockets: with private URLs not allowed, a
// public-looking name that resolves to loopback, a private or metadata address, or an address
// given literally is refused before any connection is opened; allowed, the same name connects.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient, type HttpClientOptions } from '../../../activities/http/client';
import type { NetworkPolicy } from '../../../activities/http/network-guard';
import { failure } from '../hris/read-directory';
import { json, startScriptedServer, type ScriptedServer } from './scripted-server';
import { resolvesTo } from './stub-resolver';

let server: ScriptedServer;
afterEach(() => server?.close());

const strict = (lookup?: NetworkPolicy['lookup']): NetworkPolicy => ({ allowPrivateUrls: false, lookup });

function client(baseUrl: string, network: NetworkPolicy, options: Partial<HttpClientOptions> = {}) {
  return createHttpClient({ baseUrl, service: 'Acme HR', headers: () => ({ authorization: 'Bearer secret-key' }), network, ...options });
}

async function startServer() {
  server = await startScriptedServer((_req, res) => json(res, 200, { ok: true }));
  return server;
}

describe('with private URLs not allowed', () => {
  it('refuses a public-looking name that resolves to loopback, and the server never sees a connection', async () => {
    const { port } = await startServer();
    const error = await failure(client(`https://hr.example.com:${port}/api`, strict(resolvesTo('127.0.0.1'))).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'misconfigured', retryable: false });
    expect(error.message).toBe('Roster did not connect to Acme HR (GET /api/people): hr.example.com resolves to 127.0.0.1, a loopback address, and Roster connects only to public addresses');
    expect(server.connections).toHaveLength(0);
  });

  it('is what the layer does when it is told no policy', async () => {
    const { url } = await startServer();
    const error = await failure(createHttpClient({ baseUrl: url, service: 'Acme HR', headers: () => ({}) }).request('GET', '/people'));
    expect(error.message).toContain('127.0.0.1 is a loopback address');
    expect(server.connections).toHaveLength(0);
  });

  it.each([
    ['169.254.169.254', 'a cloud metadata address'],
    ['fd00:ec2::254', 'a cloud metadata address'],
    ['10.1.2.3', 'a private address'],
    ['192.168.0.10', 'a private address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['198.18.0.1', 'a benchmarking address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['64:ff9b::a9fe:a9fe', 'a cloud metadata address'],
    ['2002:a00:1::1', 'a private address'],
    ['fe80::1', 'a link-local address'],
  ])('refuses a name that resolves to %s (%s) without trying to connect', async (address, kind) => {
    const error = await failure(client('https://hr.example.com/api', strict(resolvesTo(address))).request('GET', '/people'));
    expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringContaining(`hr.example.com resolves to ${address}, ${kind}`) });
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    const { port } = await startServer();
    const error = await failure(client(`https://hr.example.com:${port}/api`, strict(resolvesTo('93.184.215.14', '127.0.0.1'))).request('GET', '/people'));
    expect(error.message).toContain('hr.example.com resolves to 127.0.0.1, a loopback address');
    expect(server.connections).toHaveLength(0);
  });

  it.each(['http://127.0.0.1:PORT/api', 'http://[::ffff:127.0.0.1]:PORT/api', 'http://2130706433:PORT/api', 'http://0x7f.1:PORT/api'])(
    'refuses the address given literally in %s, which no resolver sees',
    async (template) => {
      const { port } = await startServer();
      const error = await failure(client(template.replace('PORT', String(port)), strict()).request('GET', '/people'));
      expect(error).toMatchObject({ code: 'misconfigured', message: expect.stringMatching(/: (127\.0\.0\.1|::ffff:7f00:1) is a loopback address, and Roster connects only to public addresses$/) });
      expect(server.connections).toHaveLength(0);
    },
  );
});

describe('with private URLs allowed (the embedded default and the tests)', () => {
  it('connects to the same name on loopback', async () => {
    const { port } = await startServer();
    const answer = await client(`http://hr.example.com:${port}/api`, { allowPrivateUrls: true, lookup: resolvesTo('127.0.0.1') }).request('GET', '/people');
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    expect(server.connections).toHaveLength(1);
  });
});
