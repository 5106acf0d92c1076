// `npm run token`: the API's token command (api/token-cli.ts), pointed at the database of the
// running embedded default (`npm start`) when DATABASE_URL is not set. The API knows nothing of
// the embedded default: what it needs comes in through the environment, as in production.
import { readRuntime } from './data-dir';

const embedded = process.env.DATABASE_URL === undefined ? readRuntime()?.databaseUrl : undefined;
if (embedded) process.env.DATABASE_URL = embedded;
await import('../api/token-cli');
