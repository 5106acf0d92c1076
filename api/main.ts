// `npm run api`: the production API process, configured by environment variables only.
import { apiEnvSchema, EnvError, loadEnv, requireHttpsPublicUrl } from '../common/env';
import { configureLogging, log } from '../common/logger';
import { startApi } from './server';

try {
  const env = loadEnv(apiEnvSchema);
  requireHttpsPublicUrl(env);
  configureLogging({ level: env.LOG_LEVEL });
  const api = await startApi(env);
  const stop = async () => {
    await api.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (!(error instanceof EnvError)) log.error('api failed to start', { error });
  console.error(error instanceof EnvError ? error.message : `The API failed to start: ${(error as Error).message}`);
  process.exit(1);
}
