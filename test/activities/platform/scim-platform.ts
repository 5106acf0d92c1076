// The real scimmy SCIM server on a free port, with one fresh tenant (and client) per test.
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import express from 'express';
import { createScimClient, type ScimClientConfig } from '../../../activities/platform';
import { createScimServer, demoCustomSchema, type ScimOperation, type ScimServer } from '../../../dev/scim-server';
import { uniqueTenantId } from '../../support/stack';

export interface ScimPlatform {
  server: ScimServer;
  url: string;
  /** A new tenant on the server and a client for it. */
  tenant(config?: Partial<ScimClientConfig>): ReturnType<typeof tenantOn>;
  stop(): Promise<void>;
}

function tenantOn(server: ScimServer, url: string, config: Partial<ScimClientConfig>) {
  const tenantId = uniqueTenantId('scim');
  const token = randomBytes(16).toString('hex');
  const tenant = server.addTenant(tenantId, token);
  const baseUrl = `${url}/scim/${tenantId}/v2`;
  // Fast enough that pacing does not slow the tests that do not measure it.
  const client = createScimClient({ baseUrl, token, maxRequestsPerSecond: 1000, concurrency: 8, customSchema: demoCustomSchema, network: { allowPrivateUrls: true }, ...config });
  return { tenant, client, baseUrl, token, tenantId };
}

export async function startScimPlatform(options: { file?: string } = {}): Promise<ScimPlatform> {
  const server = createScimServer(options);
  const app = express();
  app.use('/scim', server.router);
  const http = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  return {
    server,
    url,
    tenant: (config = {}) => tenantOn(server, url, config),
    async stop() {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

/**
 * A tenant's `platform` settings pointing at this SCIM server (fast enough not to slow a test
 * unless it says otherwise), and the server's directory for that tenant.
 */
export function scimPlatformFor(platform: ScimPlatform, tenantId: string, token: string, pace: { maxRequestsPerSecond: number; concurrency: number } = { maxRequestsPerSecond: 1000, concurrency: 8 }) {
  const scim = platform.server.addTenant(tenantId, token);
  return { scim, settings: { kind: 'scim', baseUrl: `${platform.url}/scim/${tenantId}/v2`, token, customSchema: demoCustomSchema, ...pace } };
}

/** Operations that changed something, i.e. anything but a read. */
export const writes = (operations: ScimOperation[]) => operations.filter((operation) => operation.method !== 'GET');

export const person = (n: number, extra: Record<string, string> = {}) => ({
  userName: `person${n}@acme.example`,
  externalId: `hris-${n}`,
  active: true,
  givenName: `Given${n}`,
  familyName: `Family${n}`,
  email: `person${n}@acme.example`,
  attributes: extra,
});
