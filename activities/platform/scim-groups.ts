// Platform groups over SCIM: a stable externalId, a displayName that may be renamed, members as
// platform account ids.
import type { PlatformGroup } from '../../common/directory';
import { ConnectorError } from '../http/errors';
import type { NewGroup, PlatformConnector } from './connector';
import { scimPages } from './scim-paging';
import { CORE_GROUP, equalsFilter, patchBody, type ListResponse, type ScimResource } from './scim-protocol';
import type { ScimTransport } from './scim-transport';

type GroupMethods = Pick<PlatformConnector, 'listGroups' | 'findGroupByExternalId' | 'createGroup' | 'renameGroup' | 'stampGroup' | 'addMembers' | 'removeMembers' | 'deleteGroup'>;

const PAGE_SIZE = 100;

function fromScimGroup(group: ScimResource): PlatformGroup {
  const members = (group.members ?? []) as { value?: unknown }[];
  return {
    id: String(group.id),
    externalId: typeof group.externalId === 'string' ? group.externalId : undefined,
    displayName: String(group.displayName ?? ''),
    members: members.flatMap((member) => (typeof member.value === 'string' ? [member.value] : [])),
  };
}

export function scimGroups(transport: ScimTransport): GroupMethods {
  const path = (id: string) => `/Groups/${encodeURIComponent(id)}`;
  const patch = (id: string, operations: Parameters<typeof patchBody>[0]) => transport.call('PATCH', path(id), { body: patchBody(operations) });

  return {
    async listGroups() {
      const groups: PlatformGroup[] = [];
      for await (const page of scimPages(transport, '/Groups', 1, PAGE_SIZE)) groups.push(...page.resources.map(fromScimGroup));
      return groups;
    },

    async findGroupByExternalId(externalId) {
      const { body } = await transport.call<ListResponse>('GET', '/Groups', { query: { filter: equalsFilter('externalId', externalId) } });
      // Checked again here: a server that ignores a filter answers with every group.
      return (body.Resources ?? []).map(fromScimGroup).find((group) => group.externalId === externalId);
    },

    async createGroup({ externalId, displayName, members }: NewGroup) {
      const body = { schemas: [CORE_GROUP], externalId, displayName, members: members.map((value) => ({ value })) };
      const { body: created } = await transport.call<ScimResource>('POST', '/Groups', { body });
      if (!created?.id) throw new ConnectorError('invalid_response', 'the platform created a group without answering its id (POST /Groups)');
      return fromScimGroup(created);
    },

    async renameGroup(id, displayName) {
      await patch(id, [{ op: 'replace', path: 'displayName', value: displayName }]);
    },

    async stampGroup(id, externalId) {
      await patch(id, [{ op: 'replace', path: 'externalId', value: externalId }]);
    },

    async addMembers(id, accountIds) {
      if (accountIds.length > 0) await patch(id, [{ op: 'add', path: 'members', value: accountIds.map((value) => ({ value })) }]);
    },

    async removeMembers(id, accountIds) {
      if (accountIds.length > 0) await patch(id, accountIds.map((accountId) => ({ op: 'remove' as const, path: `members[${equalsFilter('value', accountId)}]` })));
    },

    async deleteGroup(id) {
      // Already gone is done: a retried activity must not fail on its own earlier success.
      await transport.call('DELETE', path(id), { tolerate: [404] });
    },
  };
}
