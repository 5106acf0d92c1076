// The production entry points refuse to start on a bad environment with one clear line.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';

function run(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, lines: result.stderr.trim().split('\n').filter(Boolean) };
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
