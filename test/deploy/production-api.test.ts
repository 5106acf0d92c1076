// `npm run api`, the production API, as an operator starts it: an http ROSTER_PUBLIC_URL stops it
// at once with one line (links carry a credential), unless ROSTER_ALLOW_HTTP_PUBLIC_URL says so;
// it listens where ROSTER_HOST says (`npm start` sets 127.0.0.1).
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApi } from '../../api/server';
import { createDb } from '../../common/db';
import { apiEnvSchema, loadEnv, requireHttpsPublicUrl } from '../../common/env';
import { migrateLatest } from '../../migrations';

const required = { DATABASE_URL: 'postgres://roster:secret@127.0.0.1:1/roster', ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

describe('npm run api and ROSTER_PUBLIC_URL', () => {
  it('refuses an http public URL with one line naming the variable and the way out, and exits 1', () => {
    const env = { PATH: process.env.PATH!, ...required, ROSTER_PUBLIC_URL: 'http://roster.example.com' };
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'api/main.ts'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/^Invalid environment: ROSTER_PUBLIC_URL is http:\/\/roster\.example\.com, .*must be https.*ROSTER_ALLOW_HTTP_PUBLIC_URL=true to allow http\.$/)]);
    expect(result.stdout).toBe('');
  });

  it.each([
    ['an https public URL', { ROSTER_PUBLIC_URL: 'https://roster.example.com' }],
    ['an http one the operator allows', { ROSTER_PUBLIC_URL: 'http://roster.example.com', ROSTER_ALLOW_HTTP_PUBLIC_URL: 'true' }],
    ['none (links then take the address each request came to)', {}],
  ])('accepts %s', (_case, env) => {
    expect(() => requireHttpsPublicUrl(loadEnv(apiEnvSchema, { ...required, ...env }))).not.toThrow();
  });
});

describe('ROSTER_HOST', () => {
  // A database of its own: a starting API starts the workflows its tenants lack, and these have none.
  const server = createDb(inject('databaseUrl'));
  const database = `roster_host_${randomUUID().replaceAll('-', '')}`;
  const databaseUrl = Object.assign(new URL(inject('databaseUrl')), { pathname: `/${database}` }).href;
  beforeAll(async () => {
    await server.raw(`create database ${database}`);
    const db = createDb(databaseUrl);
    await migrateLatest(db);
    await db.destroy();
  });
  afterAll(async () => {
    await server.raw(`drop database if exists ${database}`);
    await server.destroy();
  });

  const listening = async (host: string | undefined) => {
    const env = { ...required, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: inject('temporalAddress'), TEMPORAL_TASK_QUEUE: `host-${randomUUID()}`, PORT: '0', ROSTER_HOST: host };
    const api = await startApi(loadEnv(apiEnvSchema, env));
    try {
      const { address, port } = api.server.address() as AddressInfo;
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      return address;
    } finally {
      await api.stop();
    }
  };

  it('binds the API to the address it names', async () => {
    expect(await listening('127.0.0.1')).toBe('127.0.0.1');
  });

  it('binds it to every interface when unset, as a container needs', async () => {
    expect(['::', '0.0.0.0']).toContain(await listening(undefined));
  });
});
