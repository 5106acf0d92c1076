// The embedded default keeps everything under one git-ignored folder: Postgres data, the
// Temporal database, captured mail, logs, and the generated admin token and encryption key.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const dataDir = resolve(process.env.ROSTER_DATA_DIR ?? '.roster');

export interface LocalSecrets {
  adminToken: string;
  encryptionKey: string;
  /** The demo platform's SCIM bearer token. */
  demoPlatformToken: string;
}

/** Generated on the first start and kept (mode 0600), so a restart finds the same secrets. */
export function localSecrets(): LocalSecrets {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const kept: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const secrets: LocalSecrets = {
    adminToken: kept.adminToken ?? `rst_admin_${randomBytes(24).toString('base64url')}`,
    encryptionKey: kept.encryptionKey ?? randomBytes(32).toString('base64'),
    demoPlatformToken: kept.demoPlatformToken ?? randomBytes(24).toString('base64url'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Where a running embedded stack says it is, so `npm run token` can find its database. */
export const runtimeFile = join(dataDir, 'runtime.json');

export function writeRuntime(info: { databaseUrl: string; apiUrl: string }): void {
  writeFileSync(runtimeFile, JSON.stringify(info, null, 2), { mode: 0o600 });
}

export function readRuntime(): { databaseUrl: string; apiUrl: string } | undefined {
  return existsSync(runtimeFile) ? JSON.parse(readFileSync(runtimeFile, 'utf8')) : undefined;
}
