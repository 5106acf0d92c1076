// The platform connector for a tenant's settings: its own SCIM endpoint, or the demo platform
// that `npm start` embeds (the same client, pointed at the demo's URL).
import type { PlatformSettings } from '../../common/tenant';
import { ConnectorError } from '../http/errors';
import type { NetworkPolicy } from '../http/network-guard';
import type { SharedLimits } from '../http/shared-limits';
import type { PlatformConnector } from './connector';
import { createScimClient } from './scim-client';

export type { AccountPage, NewGroup, PlatformConnector, SupportedAttributes } from './connector';
export { createScimClient, type ScimClientConfig } from './scim-client';
export * from './links';

export interface PlatformConnectorOptions {
  /** Where the tenant's own SCIM endpoint may be: public addresses only unless told otherwise. */
  network?: NetworkPolicy;
  /** Limits of the platform for all tenants together (ROSTER_SHARED_RATE_LIMITS). */
  shared?: SharedLimits;
  /** Where the embedded demo platform answers, when this process has one. */
  demo?: { baseUrl: string; customSchema?: string; maxRequestsPerSecond?: number; concurrency?: number };
}

export function createPlatformConnector(settings: PlatformSettings, token: string, options: PlatformConnectorOptions = {}): PlatformConnector {
  if (settings.kind === 'scim') {
    const { baseUrl, maxRequestsPerSecond, concurrency, customSchema } = settings;
    return createScimClient({ baseUrl, token, maxRequestsPerSecond, concurrency, customSchema, network: options.network, shared: options.shared });
  }
  if (!options.demo) throw new ConnectorError('misconfigured', 'the demo platform is not available in this process');
  // The demo platform's address is this process's own, never a tenant's: it is trusted.
  return createScimClient({ ...options.demo, token, network: { allowPrivateUrls: true }, shared: options.shared });
}
