// Platform accounts over SCIM: listing, lookups, creating and patching. Never deleting.
import type { AccountChanges, AccountFields, PlatformAccount } from '../../common/directory';
import { ConnectorError, isConnectorError } from '../http/errors';
import type { PlatformConnector } from './connector';
import { scimPages } from './scim-paging';
import { equalsFilter, patchBody, type ListResponse, type ScimResource } from './scim-protocol';
import type { ScimTransport } from './scim-transport';
import { fromScimUser, toScimUser, userPatch } from './scim-user-mapping';

type UserMethods = Pick<PlatformConnector, 'listAccounts' | 'findById' | 'findByExternalId' | 'findByUserName' | 'createUser' | 'updateUser'>;

const DEFAULT_PAGE_SIZE = 100;

export function scimUsers(transport: ScimTransport, customSchema: string | undefined): UserMethods {
  const account = (user: ScimResource) => fromScimUser(user, customSchema);

  // The match is checked again here: a server that ignores a filter answers with everyone.
  const findOne = async (attribute: string, value: string, matches: (user: PlatformAccount) => boolean) => {
    const { body } = await transport.call<ListResponse>('GET', '/Users', { query: { filter: equalsFilter(attribute, value) } });
    return (body.Resources ?? []).map(account).find(matches);
  };

  return {
    async *listAccounts({ startIndex = 1, pageSize = DEFAULT_PAGE_SIZE } = {}) {
      for await (const page of scimPages(transport, '/Users', startIndex, pageSize)) {
        yield { accounts: page.resources.map(account), totalResults: page.totalResults, nextStartIndex: page.nextStartIndex };
      }
    },

    async findById(id: string) {
      const { status, body } = await transport.call<ScimResource>('GET', `/Users/${encodeURIComponent(id)}`, { tolerate: [404] });
      return status === 404 ? undefined : account(body);
    },

    findByExternalId: (externalId) => findOne('externalId', externalId, (user) => user.externalId === externalId),

    findByUserName: (userName) => findOne('userName', userName, (user) => user.userName.toLowerCase() === userName.toLowerCase()),

    async createUser(fields: AccountFields) {
      const { body } = await transport.call<ScimResource>('POST', '/Users', { body: toScimUser(fields, customSchema) });
      if (!body?.id) throw new ConnectorError('invalid_response', 'the platform created a user without answering its id (POST /Users)');
      return account(body);
    },

    async updateUser(id: string, changes: AccountChanges) {
      const steps = userPatch(changes, customSchema);
      if (steps.length === 0) return;
      const path = `/Users/${encodeURIComponent(id)}`;
      try {
        await transport.call('PATCH', path, { body: patchBody(steps.map((step) => step.operation)) });
      } catch (error) {
        if (!isConnectorError(error, 'invalid_request') || error.details.vendorCode !== 'noTarget' || !steps.some((step) => step.whenMissing)) throw error;
        // The account has no work e-mail or address yet for a filtered path to reach: look, then add it.
        const { body: user } = await transport.call<ScimResource>('GET', path);
        const operations = steps.flatMap(({ operation, whenMissing }) => {
          if (!whenMissing || whenMissing.exists(user)) return [operation];
          return whenMissing.operation ? [whenMissing.operation] : [];
        });
        if (operations.length > 0) await transport.call('PATCH', path, { body: patchBody(operations) });
      }
    },
  };
}
