import { Client, Connection } from '@temporalio/client';

export interface TemporalSettings {
  address: string;
  namespace: string;
}

export async function connectClient({ address, namespace }: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address });
  return new Client({ connection, namespace });
}
