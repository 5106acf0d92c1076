// How the API takes an HRIS credential, for the credentials route, authorization links and CSV
// uploads alike. A key is verified with the HR system before anything is kept, answering the way
// docs/API.md says for every outcome. A CSV tenant has no key: an accepted users.csv is what lets Roster
// read its people, so its authorization stores a random placeholder in the secret store and tells
// the workflow as a key would, and the stages (and the first test run) work as for every other HR
// system.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createHrisConnector } from '../activities/hris';
import { hrisDescriptor } from '../activities/hris/registry';
import { isConnectorError } from '../activities/http/errors';
import type { NetworkPolicy } from '../activities/http/network-guard';
import type { Db } from '../common/db';
import type { SecretStore } from '../common/secrets';
import type { HrisSettings } from '../common/tenant';
import type { TenantRow } from '../common/tenants-repository';
import { line } from '../common/validation';
import { setCredentialUpdate } from '../workflows/tenant-messages';
import { ApiError } from './errors';
import { sendSealed, type TenantWorkflows } from './tenant-workflows';

/** A key as support enters it, or the customer's HRIS admin pastes it into a link. */
export const keyBody = z.strictObject({ apiKey: line(4096, { error: 'is required: the API key from the HR system' }).trim().min(1, 'is required: the API key from the HR system') });

export const csvCredentialBody = z.strictObject({}, { error: 'A CSV tenant has no HRIS key: send an empty body once its users.csv is uploaded' });

/** What checking a key needs: the HR system is reached only where the API's network policy allows. */
export interface KeyCheckDeps {
  db: Db;
  network: NetworkPolicy;
}

/** Verifies a key, answering the way docs/API.md says for every outcome. */
export async function verifyKey({ db, network }: KeyCheckDeps, tenantId: string, hris: HrisSettings, apiKey: string): Promise<void> {
  try {
    await createHrisConnector(hris, apiKey, { db, tenantId, http: { network } }).verify();
  } catch (error) {
    if (!isConnectorError(error)) throw error;
    if (error.code === 'credentials_rejected') throw new ApiError(400, 'credentials_rejected', 'The HR system rejected this key. Check that it was copied whole and has not been revoked.');
    if (error.code === 'insufficient_scope') {
      const hint = hrisDescriptor(hris.provider)?.scopeHint;
      throw new ApiError(400, 'credentials_insufficient_scope', `The key works but cannot see every person${hint ? ` (${hint})` : ''}. Create a key with full read access.`);
    }
    if (error.retryable) throw new ApiError(503, 'hris_unavailable', 'The HR system could not be reached to check the key. Nothing was changed; try again in a few minutes.');
    // A connector's message names the service, the path and what went wrong, never the key or people's data.
    throw new ApiError(400, 'hris_misconfigured', `The HR system's settings do not work for this tenant: ${error.message}. Check its address or subdomain.`);
  }
}

export interface CredentialDeps {
  db: Db;
  secrets: SecretStore;
  workflows: TenantWorkflows;
}

export async function authorizeCsvTenant({ db, secrets, workflows }: CredentialDeps, tenant: TenantRow, actor: string): Promise<void> {
  try {
    await createHrisConnector(tenant.hris, '', { db, tenantId: tenant.id }).verify();
  } catch (error) {
    if (!isConnectorError(error, 'misconfigured')) throw error;
    throw new ApiError(400, 'hris_misconfigured', error.message);
  }
  await sendSealed(secrets, tenant.id, 'hris_key', randomBytes(32).toString('base64url'), (credentialRef) => workflows.update(tenant, setCredentialUpdate, { credentialRef, actor }));
}
