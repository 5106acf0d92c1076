// The platform connector over SCIM 2.0: one paced HTTP client for every call.
import type { PlatformConnector } from './connector';
import { scimGroups } from './scim-groups';
import { scimSupportedAttributes } from './scim-supported-attributes';
import { createScimTransport, type ScimTransportConfig } from './scim-transport';
import { scimUsers } from './scim-users';

export interface ScimClientConfig extends ScimTransportConfig {
  /** The URN of the platform's schema extension that `custom.<name>` attributes belong to. */
  customSchema?: string;
}

export function createScimClient(config: ScimClientConfig): PlatformConnector {
  const transport = createScimTransport(config);
  return {
    ...scimUsers(transport, config.customSchema),
    ...scimGroups(transport),
    supportedAttributes: () => scimSupportedAttributes(transport, config.customSchema),
  };
}
