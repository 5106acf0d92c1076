// `npm run keys -- rotate`: re-seals every secret with the current key (ROSTER_ENCRYPTION_KEY),
// opening older ones with ROSTER_ENCRYPTION_OLD_KEYS, then says whether those can be dropped.
// Uses DATABASE_URL; `npm run keys` runs this through dev/keys-cli.ts, which points it at the
// running embedded default (`npm start`) and its key when they are not set.
import { createDb } from '../common/db';
import { apiEnvSchema, EnvError, loadEnv } from '../common/env';
import { createKeyring, SecretStore, type Keyring, type Rotation } from '../common/secrets';

const usage = 'Usage: npm run keys -- rotate';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function keysEnv() {
  if (!process.env.DATABASE_URL) fail('Set DATABASE_URL, or start the embedded default with npm start first.');
  try {
    return loadEnv(apiEnvSchema.pick({ DATABASE_URL: true, ROSTER_ENCRYPTION_KEY: true, ROSTER_ENCRYPTION_OLD_KEYS: true }));
  } catch (error) {
    return fail(error instanceof EnvError ? error.message : String(error));
  }
}

/** What was done, and whether the old keys can go: only once no secret is left sealed with them. */
function report({ resealed, currentId, left, corrupted }: Rotation, keyring: Keyring): string[] {
  const lines = [`Re-sealed ${resealed} secret(s) with key ${currentId}.`];
  const unknown = left.filter((group) => !keyring.keys.has(group.keyId));
  const oldIds = [...keyring.keys.keys()].filter((id) => id !== currentId);
  if (unknown.length > 0) {
    const groups = unknown.map((group) => `${group.keyId} (${group.secrets} secret(s))`).join(', ');
    lines.push(`Still sealed with keys that are not configured: ${groups}. Add them to ROSTER_ENCRYPTION_OLD_KEYS and run this again.`);
  } else if (oldIds.length > 0) {
    lines.push(`No secret is sealed with key(s) ${oldIds.join(', ')} any more: drop them from ROSTER_ENCRYPTION_OLD_KEYS.`);
  } else {
    lines.push('Every secret is sealed with the current key; no old key is configured.');
  }
  if (corrupted.length > 0) lines.push(`Corrupted and left as they were (revoke them and enter them again): ${corrupted.join(', ')}.`);
  return lines;
}

if (process.argv[2] !== 'rotate' || process.argv.length > 3) fail(usage);
const env = keysEnv();
const keyring = createKeyring(env.ROSTER_ENCRYPTION_KEY, env.ROSTER_ENCRYPTION_OLD_KEYS.split(','));
const db = createDb(env.DATABASE_URL);
try {
  const rotation = await new SecretStore(db, keyring).rotate();
  for (const line of report(rotation, keyring)) console.log(line);
  if (rotation.left.length > 0) process.exitCode = 1;
} catch (error) {
  console.error(`Rotation stopped: ${error instanceof Error ? error.message : String(error)}. What was re-sealed stays so; run it again.`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
