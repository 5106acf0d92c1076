import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions, type TLSConfig } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { EnvError, type WorkerEnv } from './env';
import { dataConverter } from './payloads/data-converter';
import type { Keyring } from './secrets';
import { tracingClientInterceptors } from '../telemetry/tracing/temporal';

/** Where Temporal is, and how Roster proves who it is there. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  /** true: TLS with the system's CAs; a config: a private CA, a client certificate (mTLS), a server name. */
  tls?: TLSConfig | boolean;
  /** Temporal Cloud's API key (sent as a bearer token; implies TLS). */
  apiKey?: string;
}

type TemporalEnv = Pick<WorkerEnv, Extract<keyof WorkerEnv, `TEMPORAL_${string}`>>;

/**
 * The connection the environment describes, read by Temporal's own `envconfig` from the
 * variables its CLI and SDKs use (`TEMPORAL_API_KEY`, `TEMPORAL_TLS_*`), so that an operator's
 * Temporal settings carry over unchanged. Profiles from a TOML file are not read: Roster's
 * processes are configured by the environment alone.
 */
export function temporalSettings(env: TemporalEnv): TemporalSettings {
  if (Boolean(env.TEMPORAL_TLS_CLIENT_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_CLIENT_KEY_PATH)) {
    throw new EnvError('Invalid environment: TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together: mTLS needs the certificate and its key');
  }
  const variables = Object.fromEntries(Object.entries(env).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])));
  const { connectionOptions } = loadClientConnectConfig({ disableFile: true, overrideEnvVars: variables });
  return { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE, tls: connectionOptions.tls ?? undefined, apiKey: connectionOptions.apiKey as string | undefined };
}

/**
 * Client connections retry an unreachable server a few times (about 1.5 s), not the SDK's ten,
 * so that the API answers 503 promptly while Temporal is down instead of hanging.
 */
export function clientConnectionOptions({ address, tls, apiKey }: Omit<TemporalSettings, 'namespace'>): ConnectionOptions {
  return { address, tls, apiKey, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))] };
}

/** A client whose payloads are sealed with the keyring's payload keys (common/payloads). */
export async function connectClient(settings: TemporalSettings, keyring: Keyring): Promise<Client> {
  const connection = await Connection.connect(clientConnectionOptions(settings));
  // Starts and Updates carry the caller's trace to the workflow (a no-op while tracing is off).
  return new Client({ connection, namespace: settings.namespace, dataConverter: dataConverter(keyring), interceptors: tracingClientInterceptors() });
}
