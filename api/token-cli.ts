// `npm run token -- create --name NAME --role ROLE` | `list` | `revoke --name NAME`.
// Uses DATABASE_URL; `npm run token` runs this through dev/token-cli.ts, which sets it to the
// database of the running embedded default (`npm start`) when it is not set.
import { parseArgs } from 'node:util';
import { createDb } from '../common/db';
import { issuesToDetails } from '../common/validation';
import { createTokenBody } from './routes/tokens';
import { createToken, listTokens, revokeToken } from './tokens';

const usage = 'Usage: npm run token -- create --name NAME --role viewer|support|admin\n       npm run token -- list\n       npm run token -- revoke --name NAME';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { positionals, values } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' } } });
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) fail('Set DATABASE_URL, or start the embedded default with npm start first.');
const db = createDb(databaseUrl);

try {
  switch (positionals[0]) {
    case 'create': {
      // The API's own rules for a new token (POST /api/tokens).
      const parsed = createTokenBody.safeParse({ name: values.name ?? '', role: values.role });
      if (!parsed.success) fail(`${issuesToDetails(parsed.error.issues).map((d) => `--${d.path} ${d.message}.`).join('\n')}\n${usage}`);
      const { name, role } = parsed.data;
      if (await db('api_tokens').where({ name }).first()) fail(`A token named '${name}' exists already; revoke it or pick another name.`);
      const token = await createToken(db, name, role);
      console.log(`Token '${name}' (${role}) — shown once, keep it safe:\n${token}`);
      break;
    }
    case 'list':
      for (const t of await listTokens(db)) console.log(`${t.name}\t${t.role}\tcreated ${t.created_at.toISOString()}${t.revoked_at ? `\trevoked ${t.revoked_at.toISOString()}` : ''}`);
      break;
    case 'revoke':
      if (!values.name) fail(`--name is required.\n${usage}`);
      console.log((await revokeToken(db, values.name)) ? `Revoked '${values.name}'.` : `No active token named '${values.name}'.`);
      break;
    default:
      fail(usage);
  }
} finally {
  await db.destroy();
}
