// `npm run api`: the production API process, configured by environment variables only.
import { apiEnvSchema, EnvError, loadEnv, requireHttpsPublicUrl } from '../common/env';
import { configureLogging, loggerFor } from '../common/logger';
import { currentTracing, startTracing, tracingSettings } from '../telemetry/tracing/tracing';
import { startApi } from './server';

try {
  const env = loadEnv(apiEnvSchema);
  requireHttpsPublicUrl(env);
  configureLogging({ level: env.LOG_LEVEL, levels: env.LOG_LEVELS });
  const tracing = tracingSettings(env, 'roster-api');
  if (tracing) startTracing(tracing);
  const api = await startApi(env);
  const stop = async () => {
    await api.stop();
    await currentTracing()?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  if (!(error instanceof EnvError)) loggerFor('api').error('api failed to start', { error });
  console.error(error instanceof EnvError ? error.message : `The API failed to start: ${(error as Error).message}`);
  process.exit(1);
}
