import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiEnvSchema, loadEnv, requiredVariables, workerEnvSchema } from '../../common/env';

const key = randomBytes(32).toString('base64');
const api = { DATABASE_URL: 'postgres://roster:pw@db:5432/roster', ROSTER_ENCRYPTION_KEY: key };
const worker = { ...api, SMTP_URL: 'smtp://mail:1025', ROSTER_MAIL_FROM: 'Roster <roster@example.com>', ROSTER_PUBLIC_URL: 'https://roster.example.com' };

describe('environment validation', () => {
  it('applies defaults', () => {
    const env = loadEnv(apiEnvSchema, api);
    expect(env).toMatchObject({ PORT: 3000, TEMPORAL_ADDRESS: 'localhost:7233', TEMPORAL_NAMESPACE: 'default', ROSTER_ALLOW_PRIVATE_URLS: false, ROSTER_MIN_SCHEDULE_MINUTES: 15 });
  });

  it.each([
    ['a missing DATABASE_URL', { ...api, DATABASE_URL: undefined }, /^Invalid environment: DATABASE_URL is required/],
    ['a DATABASE_URL that is not postgres', { ...api, DATABASE_URL: 'mysql://x' }, /^Invalid environment: DATABASE_URL must be a URL/],
    ['a short encryption key', { ...api, ROSTER_ENCRYPTION_KEY: 'abc' }, /^Invalid environment: ROSTER_ENCRYPTION_KEY must be 32 bytes/],
    ['a bad port', { ...api, PORT: 'eighty' }, /^Invalid environment: PORT must be a port number/],
    ['a bad boolean', { ...api, ROSTER_ALLOW_PRIVATE_URLS: 'maybe' }, /^Invalid environment: ROSTER_ALLOW_PRIVATE_URLS must be true or false/],
    ['a short admin token', { ...api, ROSTER_ADMIN_TOKEN: 'short' }, /^Invalid environment: ROSTER_ADMIN_TOKEN must be at least 24/],
  ])('names the variable for %s, in one line', (_case, env, message) => {
    expect(() => loadEnv(apiEnvSchema, env)).toThrow(message);
    try {
      loadEnv(apiEnvSchema, env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('treats an empty variable as unset', () => {
    expect(() => loadEnv(workerEnvSchema, { ...worker, SMTP_URL: '' })).toThrow(/SMTP_URL is required/);
  });

  it("bounds the worker's workflow cache by default and refuses a cache too small to run in", () => {
    expect(loadEnv(workerEnvSchema, worker).ROSTER_WORKER_CACHED_WORKFLOWS).toBe(300);
    expect(loadEnv(workerEnvSchema, { ...worker, ROSTER_WORKER_CACHED_WORKFLOWS: '1000' }).ROSTER_WORKER_CACHED_WORKFLOWS).toBe(1000);
    expect(() => loadEnv(workerEnvSchema, { ...worker, ROSTER_WORKER_CACHED_WORKFLOWS: '1' })).toThrow(/^Invalid environment: ROSTER_WORKER_CACHED_WORKFLOWS must be at least 2$/);
    expect(() => loadEnv(workerEnvSchema, { ...worker, ROSTER_WORKER_CACHED_WORKFLOWS: 'many' })).toThrow(/^Invalid environment: ROSTER_WORKER_CACHED_WORKFLOWS must be a number of workflows$/);
  });

  it('knows which variables each process cannot start without', () => {
    expect(requiredVariables(apiEnvSchema).sort()).toEqual(['DATABASE_URL', 'ROSTER_ENCRYPTION_KEY']);
    expect(requiredVariables(workerEnvSchema).sort()).toEqual(['DATABASE_URL', 'ROSTER_ENCRYPTION_KEY', 'ROSTER_MAIL_FROM', 'ROSTER_PUBLIC_URL', 'SMTP_URL']);
    expect(() => loadEnv(workerEnvSchema, worker)).not.toThrow();
  });
});
