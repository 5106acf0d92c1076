// A new platform token is checked with the platform before it replaces the one in use: one real
// SCIM call (the first page of users, one user long) through the guarded HTTP layer, so it goes
// only where the network policy allows. The answers name what to fix, never the token.
import { isConnectorError } from '../activities/http/errors';
import type { NetworkPolicy } from '../activities/http/network-guard';
import { createPlatformConnector } from '../activities/platform';
import type { PlatformSettingsChange } from '../workflows/tenant-messages';
import { ApiError } from './errors';

type ScimSettings = Extract<PlatformSettingsChange, { kind: 'scim' }>;

export async function checkPlatformToken(network: NetworkPolicy, settings: ScimSettings, token: string): Promise<void> {
  try {
    const users = createPlatformConnector({ ...settings, tokenRef: '' }, token, { network }).listAccounts({ pageSize: 1 });
    await users[Symbol.asyncIterator]().next();
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    if (error.code === 'credentials_rejected') throw new ApiError(400, 'platform_credentials_rejected', 'The platform rejected this token; the one in use stays. Check that it was copied whole and may read users.');
    if (error.retryable) throw new ApiError(503, 'platform_unavailable', 'The platform could not be reached to check the token. Nothing was changed; try again in a few minutes.');
    // A connector's message names the service, the path and what went wrong, never the token.
    throw new ApiError(400, 'platform_misconfigured', `The platform's settings do not work with this token: ${error.message}. Check its baseUrl.`);
  }
}
