// A CSV tenant has no HRIS key: an accepted users.csv is what lets Roster read its people. Its
// authorization stores a random placeholder in the secret store and tells the workflow as a key
// would, so that the stages (and the first test run) work as for every other HR system.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createHrisConnector } from '../activities/hris';
import { isConnectorError } from '../activities/http/errors';
import type { Db } from '../common/db';
import type { SecretStore } from '../common/secrets';
import { setCredentialUpdate } from '../workflows/tenant-messages';
import { ApiError } from './errors';
import type { TenantRow } from './tenant-view';
import { sendSealed, type TenantWorkflows } from './tenant-workflows';

export const csvCredentialBody = z.strictObject({}, { error: 'A CSV tenant has no HRIS key: send an empty body once its users.csv is uploaded' });

export interface CsvAuthorizationDeps {
  db: Db;
  secrets: SecretStore;
  workflows: TenantWorkflows;
}

export async function authorizeCsvTenant({ db, secrets, workflows }: CsvAuthorizationDeps, tenant: TenantRow, actor: string): Promise<void> {
  try {
    await createHrisConnector(tenant.hris, '', { db, tenantId: tenant.id }).verify();
  } catch (error) {
    if (!isConnectorError(error, 'misconfigured')) throw error;
    throw new ApiError(400, 'hris_misconfigured', error.message);
  }
  await sendSealed(secrets, tenant.id, 'hris_key', randomBytes(32).toString('base64url'), (credentialRef) => workflows.update(tenant, setCredentialUpdate, { credentialRef, actor }));
}
