import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findTemporalCli } from '../../dev/temporal-cli';

const saved = process.env.TEMPORAL_CLI_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.TEMPORAL_CLI_PATH;
  else process.env.TEMPORAL_CLI_PATH = saved;
});

describe('finding the Temporal CLI', () => {
  it('uses TEMPORAL_CLI_PATH first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const fake = join(dir, 'temporal');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    process.env.TEMPORAL_CLI_PATH = fake;
    expect(await findTemporalCli()).toEqual({ kind: 'binary', path: fake, origin: 'TEMPORAL_CLI_PATH' });
  });

  it('says clearly when TEMPORAL_CLI_PATH is not executable', async () => {
    process.env.TEMPORAL_CLI_PATH = join(tmpdir(), 'no-such-temporal');
    await expect(findTemporalCli()).rejects.toThrow(/TEMPORAL_CLI_PATH=.* is not an executable file/);
  });
});
