// The platform's HTTP, paced by the tenant's limits. The shared HTTP layer handles 401/403,
// throttling and outages; SCIM error answers (400, 404, 409) are read here so that failures name
// the SCIM `scimType`. Messages never include the query or `detail`: both may hold people's data.
import { createHttpClient } from '../http/client';
import { ConnectorError, type ConnectorErrorCode } from '../http/errors';
import type { NetworkPolicy } from '../http/network-guard';
import { createPacer } from '../http/pace';
import type { SharedLimits } from '../http/shared-limits';

export interface ScimTransportConfig {
  baseUrl: string;
  token: string;
  maxRequestsPerSecond?: number;
  concurrency?: number;
  /** Where the platform may be: public addresses only unless told otherwise. */
  network?: NetworkPolicy;
  /** The platform's limits for all tenants together, where it has any. */
  shared?: SharedLimits;
}

export interface ScimCall {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Statuses the caller handles itself (answered instead of thrown). */
  tolerate?: number[];
}

export interface ScimTransport {
  call<T>(method: string, path: string, call?: ScimCall): Promise<{ status: number; body: T }>;
}

const SCIM_ERRORS = [400, 404, 409];
const codes: Record<number, ConnectorErrorCode> = { 400: 'invalid_request', 404: 'not_found', 409: 'conflict' };

export function createScimTransport(config: ScimTransportConfig): ScimTransport {
  // One pacer for every call of this client, whatever it is for.
  const client = createHttpClient({
    baseUrl: config.baseUrl,
    service: 'the platform',
    provider: 'platform',
    network: config.network,
    shared: config.shared,
    headers: () => ({ authorization: `Bearer ${config.token}`, accept: 'application/scim+json, application/json' }),
    pacer: createPacer({ perSecond: config.maxRequestsPerSecond ?? 10, concurrency: config.concurrency ?? 4 }),
  });
  const basePath = new URL(config.baseUrl).pathname.replace(/\/+$/, '');

  return {
    async call<T>(method: string, path: string, { query, body, tolerate = [] }: ScimCall = {}) {
      const headers = body === undefined ? undefined : { 'content-type': 'application/scim+json' };
      const answer = await client.request<T>(method, path, { query, body, headers, accept: [...SCIM_ERRORS, ...tolerate] });
      if (answer.status < 300 || tolerate.includes(answer.status)) return answer;
      const scimType = (answer.body as { scimType?: unknown } | undefined)?.scimType;
      const vendorCode = typeof scimType === 'string' && /^\w+$/.test(scimType) ? scimType : undefined;
      const suffix = vendorCode ? ` (${vendorCode})` : '';
      throw new ConnectorError(codes[answer.status]!, `the platform answered ${answer.status} to ${method} ${basePath}${path}${suffix}`, { status: answer.status, vendorCode });
    },
  };
}
