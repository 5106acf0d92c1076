// The command-line entry points, run as a user runs them.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { identify } from '../../api/tokens';
import { createDb } from '../../common/db';

function run(script: string, env: Record<string, string>, args: string[] = []) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, lines: result.stderr.trim().split('\n').filter(Boolean) };
}

describe('npm run api / npm run worker', () => {
  it('names a missing variable and exits 1', () => {
    const { code, lines } = run('api/main.ts', {});
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Invalid environment: DATABASE_URL is required/)]);
  });

  it('names a bad variable', () => {
    const { code, lines } = run('worker/main.ts', { DATABASE_URL: 'postgres://x@localhost/db', ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64'), SMTP_URL: 'smtp://localhost:1025', ROSTER_MAIL_FROM: 'Roster <r@x.io>', ROSTER_PUBLIC_URL: 'not-a-url' });
    expect(code).toBe(1);
    expect(lines).toEqual([expect.stringMatching(/^Invalid environment: ROSTER_PUBLIC_URL must be a URL/)]);
  });
});

describe('npm run token', () => {
  const db = createDb(inject('databaseUrl'));
  afterAll(() => db.destroy());

  it('creates a token that is printed once and then authenticates with its role', async () => {
    const name = `cli-${randomUUID().slice(0, 8)}`;
    const { code, stdout } = run('dev/token-cli.ts', { DATABASE_URL: inject('databaseUrl') }, ['create', '--name', name, '--role', 'support']);
    expect(code).toBe(0);
    const token = /rst_\S+/.exec(stdout)?.[0];
    expect(token).toBeDefined();
    expect(await identify(db, token!, undefined)).toEqual({ name, role: 'support' });

    const listed = run('dev/token-cli.ts', { DATABASE_URL: inject('databaseUrl') }, ['list']);
    expect(listed.stdout).toContain(`${name}\tsupport`);
    expect(listed.stdout).not.toContain(token);

    expect(run('dev/token-cli.ts', { DATABASE_URL: inject('databaseUrl') }, ['revoke', '--name', name]).code).toBe(0);
    expect(await identify(db, token!, undefined)).toBeUndefined();
  });

  it('refuses an unknown role with the usage', () => {
    const { code, lines } = run('dev/token-cli.ts', { DATABASE_URL: inject('databaseUrl') }, ['create', '--name', 'x', '--role', 'owner']);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/--role must be one of viewer, support, admin/);
  });
});
