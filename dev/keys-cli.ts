// `npm run keys`: the key rotation command (api/keys-cli.ts), pointed at the database and the
// encryption key of the running embedded default (`npm start`) when DATABASE_URL and
// ROSTER_ENCRYPTION_KEY are not set.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, readRuntime, type LocalSecrets } from './data-dir';

const secretsFile = join(dataDir, 'secrets.json');
if (process.env.DATABASE_URL === undefined) {
  const embedded = readRuntime()?.databaseUrl;
  if (embedded) process.env.DATABASE_URL = embedded;
}
if (process.env.ROSTER_ENCRYPTION_KEY === undefined && existsSync(secretsFile)) {
  process.env.ROSTER_ENCRYPTION_KEY = (JSON.parse(readFileSync(secretsFile, 'utf8')) as LocalSecrets).encryptionKey;
}
await import('../api/keys-cli');
