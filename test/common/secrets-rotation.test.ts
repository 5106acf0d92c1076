// `npm run keys -- rotate` run as an operator runs it, on a database of its own (a rotation
// re-seals every secret in a database, and other test files share theirs).
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Db } from '../../common/db';
import { createKeyring, keyId, seal, SecretStore } from '../../common/secrets';
import { migrateLatest } from '../../migrations';
import { insertTenant } from '../activities/hris/demo-tenant';

const [keyA, keyB, keyC] = [0, 1, 2].map(() => randomBytes(32).toString('base64')) as [string, string, string];
const idOf = (key: string) => keyId(Buffer.from(key, 'base64'));
const shared = createDb(inject('databaseUrl'));
const database = `roster_keys_${randomUUID().replaceAll('-', '')}`;
const url = Object.assign(new URL(inject('databaseUrl')), { pathname: `/${database}` }).toString();
let db: Db;

beforeAll(async () => {
  await shared.raw('create database ??', [database]);
  db = createDb(url);
  await migrateLatest(db);
}, 60_000);
afterAll(async () => {
  await db?.destroy();
  await shared.raw('drop database if exists ?? with (force)', [database]);
  await shared.destroy();
});

/** The command as `npm run keys -- rotate` runs it, with this database and these keys. */
function rotate(current: string, old: string[]) {
  const env = { PATH: process.env.PATH!, ROSTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'roster-keys-')), DATABASE_URL: url, ROSTER_ENCRYPTION_KEY: current, ROSTER_ENCRYPTION_OLD_KEYS: old.join(',') };
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'dev/keys-cli.ts', 'rotate'], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, lines: result.stdout.trim().split('\n'), stderr: result.stderr };
}

const rawRows = () => db('secrets').orderBy('id').select('id', 'tenant_id', 'kind', 'key_id', 'sealed');

describe('npm run keys -- rotate', () => {
  const plaintexts = new Map<string, string>();

  it('re-seals every secret with the newest key, including one an earlier rotation already did and one sealed before secrets were bound', async () => {
    const tenant = await insertTenant(db);
    const withA = new SecretStore(db, createKeyring(keyA));
    for (const [kind, value] of [['hris_key', 'hris-key-1'], ['platform_token', 'platform-token-1'], ['link_token', 'link-token-1']] as const) {
      plaintexts.set(await withA.put(tenant, kind, value), value);
    }
    // Sealed before secrets were bound to their tenant and kind: its id alone was the associated data.
    const unbound = randomUUID();
    await db('secrets').insert({ id: unbound, tenant_id: tenant, kind: 'hris_key', key_id: idOf(keyA), sealed: seal(createKeyring(keyA), 'unbound-key', unbound).replace(/^v2\./, 'v1.') });
    plaintexts.set(unbound, 'unbound-key');
    // As a rotation stopped midway leaves it: some secrets sealed with the new key already.
    plaintexts.set(await new SecretStore(db, createKeyring(keyB, [keyA])).put(tenant, 'hris_key', 'hris-key-2'), 'hris-key-2');

    const { code, lines, stderr } = rotate(keyB, [keyA]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(lines).toEqual([`Re-sealed 4 secret(s) with key ${idOf(keyB)}.`, `No secret is sealed with key(s) ${idOf(keyA)} any more: drop them from ROSTER_ENCRYPTION_OLD_KEYS.`]);

    const rows = await rawRows();
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.key_id).toBe(idOf(keyB));
      expect(row.sealed.startsWith(`v2.${idOf(keyB)}.`)).toBe(true);
    }
    // The new key alone opens every one of them, each bound to its own tenant and kind.
    const withBOnly = new SecretStore(db, createKeyring(keyB));
    for (const row of rows) expect(await withBOnly.get(row.tenant_id, row.kind, row.id)).toBe(plaintexts.get(row.id));
  });

  it('re-seals nothing when run again, and leaves every row as it was', async () => {
    const before = await rawRows();
    const { code, lines } = rotate(keyB, [keyA]);
    expect(code).toBe(0);
    expect(lines).toEqual([`Re-sealed 0 secret(s) with key ${idOf(keyB)}.`, `No secret is sealed with key(s) ${idOf(keyA)} any more: drop them from ROSTER_ENCRYPTION_OLD_KEYS.`]);
    expect(await rawRows()).toEqual(before);
    expect(rotate(keyB, []).lines.at(-1)).toBe('Every secret is sealed with the current key; no old key is configured.');
  });

  it('names the keys still in use that are not configured, and the corrupted secrets, and exits 1', async () => {
    const tenant = await insertTenant(db);
    const withC = await new SecretStore(db, createKeyring(keyC)).put(tenant, 'hris_key', 'hris-key-c');
    const corrupted = randomUUID();
    await db('secrets').insert({ id: corrupted, tenant_id: tenant, kind: 'hris_key', key_id: idOf(keyA), sealed: seal(createKeyring(keyA), 'x', 'another id') });

    const { code, lines } = rotate(keyB, [keyA]);
    expect(code).toBe(1);
    expect(lines).toEqual([
      `Re-sealed 0 secret(s) with key ${idOf(keyB)}.`,
      `Still sealed with keys that are not configured: ${idOf(keyC)} (1 secret(s)). Add them to ROSTER_ENCRYPTION_OLD_KEYS and run this again.`,
      `Corrupted and left as they were (revoke them and enter them again): ${corrupted}.`,
    ]);
    expect(await db('secrets').where({ id: withC }).first('key_id')).toEqual({ key_id: idOf(keyC) });
  });

  it('answers a wrong command or a missing key with one line and exit 1', () => {
    const env = { PATH: process.env.PATH!, ROSTER_DATA_DIR: mkdtempSync(join(tmpdir(), 'roster-keys-')), DATABASE_URL: url };
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'dev/keys-cli.ts', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    const wrong = run(['rotat']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toBe('Usage: npm run keys -- rotate');
    const keyless = run(['rotate']);
    expect(keyless.status).toBe(1);
    expect(keyless.stderr.trim()).toMatch(/^Invalid environment: ROSTER_ENCRYPTION_KEY is required: 32 random bytes/);
  });
});
