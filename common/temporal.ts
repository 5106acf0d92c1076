import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

/**
 * Client connections retry an unreachable server a few times (about 1.5 s), not the SDK's ten,
 * so that the API answers 503 promptly while Temporal is down instead of hanging.
 */
export function clientConnectionOptions(address: string): ConnectionOptions {
  return { address, interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: 4 }))] };
}

export async function connectClient({ address, namespace }: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect(clientConnectionOptions(address));
  return new Client({ connection, namespace });
}
