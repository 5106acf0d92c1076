// Humaans over the shared HTTP layer: bearer auth, its paging envelope, and its meaning of 403
// (the token lacks a scope).
import type { z } from 'zod';
import { createHttpClient, type HttpTuning, type RequestOptions } from '../../http/client';
import { ConnectorError, isConnectorError } from '../../http/errors';
import { HUMAANS, pageEnvelope } from './api';

export interface HumaansClient {
  get(path: string, options?: RequestOptions): Promise<{ status: number; body: unknown }>;
  /** One page of a list; `total` is the list's size at the moment of the call. */
  page(path: string, skip: number, query?: Record<string, string>): Promise<z.infer<typeof pageEnvelope>>;
}

export function createHumaansClient(apiKey: string, baseUrl: string | undefined, tuning: HttpTuning = {}): HumaansClient {
  const http = createHttpClient({
    ...tuning,
    baseUrl: baseUrl ?? HUMAANS.defaultBaseUrl,
    service: 'Humaans',
    provider: 'humaans',
    headers: () => ({ authorization: `Bearer ${apiKey}` }),
  });

  const get = async (path: string, options?: RequestOptions) => {
    try {
      return await http.request('GET', path, options);
    } catch (error) {
      if (isConnectorError(error, 'credentials_rejected') && error.details.status === 403) {
        throw new ConnectorError('insufficient_scope', `${error.message} (the key lacks a scope it needs)`, error.details);
      }
      throw error;
    }
  };

  return {
    get,
    async page(path, skip, query = {}) {
      const { body } = await get(path, { query: { ...query, $limit: HUMAANS.pageSize, $skip: skip } });
      const envelope = pageEnvelope.safeParse(body);
      if (!envelope.success) throw new ConnectorError('invalid_response', `Humaans answered GET ${path} without its paging envelope`);
      return envelope.data;
    },
  };
}
