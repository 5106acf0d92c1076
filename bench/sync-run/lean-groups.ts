// A lean `/Groups` endpoint in front of the scimmy SCIM server, for the benchmark only. scimmy
// coerces every member of every group it lists or patches: at 100,000 users (60 department groups
// of about 1,700 members each) a group list takes seconds and every group PATCH about 0.4 s of
// the server's single thread, so the fake platform, not Roster, would set the pace of the apply
// phase (docs/CONNECTORS.md, "Fakes the tests need"). This handler speaks the same protocol over
// the same in-memory directory (the tenant's `TenantDirectory`, with its member checks), answers
// what scimmy answers (201 with the group, 200 with the group or 204 when nothing changed, SCIM
// errors with a string `status`), records each request in the tenant's operation log, and passes
// anything it does not handle (a filtered list, an unknown PatchOp) on to scimmy. Users are never
// handled here: they stay with scimmy, whose list is already paged inside its read handler.
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { ScimOperation, ScimRecord, ScimTenant } from '../../dev/scim-server';

const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_JSON = 'application/scim+json';

interface Member {
  value: string;
}
interface PatchOp {
  op?: string;
  path?: string;
  value?: unknown;
}

export interface LeanGroups {
  router: Router;
  /** Serve this tenant's groups here (with the tenant's bearer token). */
  add(tenantId: string, token: string, tenant: ScimTenant): void;
  /** Hand this tenant's groups back to scimmy. */
  remove(tenantId: string): void;
}

const digest = (token: string) => createHash('sha256').update(token).digest();

/** `members[value eq "…"]`, the only filtered path Roster sends for a group. */
const memberFilter = /^members\[value eq "([^"]+)"\]$/i;

export function leanGroups(): LeanGroups {
  const tenants = new Map<string, { tokenDigest: Buffer; tenant: ScimTenant }>();
  const router = express.Router({ mergeParams: true });

  const fail = (response: Response, status: number, detail: string, scimType?: string) =>
    response
      .status(status)
      .type(SCIM_JSON)
      .send({ schemas: [ERROR], status: String(status), ...(scimType && { scimType }), detail });

  const shown = (request: Request, group: ScimRecord) => ({
    ...group,
    meta: { resourceType: 'Group', ...group.meta, location: `${request.baseUrl}/${group.id}` },
  });

  /** The directory's own errors (SCIMMY.Types.Error: status, scimType, message) answered as scimmy would. */
  const guarded = (response: Response, work: () => void) => {
    try {
      work();
    } catch (error) {
      const { status, scimType, message } = error as { status?: number; scimType?: string; message?: string };
      if (typeof status !== 'number') throw error;
      fail(response, status, message ?? 'error', scimType || undefined);
    }
  };

  router.use('/:tenantId/v2/Groups', express.json({ type: [SCIM_JSON, 'application/json'], limit: '1mb' }), (request, response, next) => {
    const entry = tenants.get(String(request.params.tenantId));
    if (!entry) return next();
    const token = /^Bearer (.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    if (!token || !timingSafeEqual(digest(token), entry.tokenDigest)) return fail(response, 401, 'Bearer token rejected');

    const id = request.path.split('/')[1] || undefined;
    const { directory } = entry.tenant;
    const body = request.body as Record<string, unknown> | undefined;

    const handle = (): boolean => {
      if (request.method === 'GET' && !id) {
        if (request.query.filter !== undefined || request.query.sortBy !== undefined) return false;
        const groups = directory.groups();
        const startIndex = Math.max(1, Number(request.query.startIndex ?? 1) || 1);
        const count = Math.min(Math.max(0, Number(request.query.count ?? 100) || 0), 1000);
        const page = groups.slice(startIndex - 1, startIndex - 1 + count);
        response.type(SCIM_JSON).send({ schemas: [LIST], Resources: page.map((group) => shown(request, group)), startIndex, itemsPerPage: page.length, totalResults: groups.length });
        return true;
      }
      if (request.method === 'GET' && id) {
        const group = directory.group(id);
        if (group) response.type(SCIM_JSON).send(shown(request, group));
        else fail(response, 404, `Resource ${id} not found`);
        return true;
      }
      if (request.method === 'POST' && !id) {
        guarded(response, () => {
          const members = ((body?.members ?? []) as Member[]).map((member) => ({ value: member.value }));
          const group = directory.saveGroup({ schemas: [CORE_GROUP], externalId: body?.externalId, displayName: body?.displayName, members });
          response.locals.createdId = group.id;
          response.status(201).type(SCIM_JSON).send(shown(request, group));
        });
        return true;
      }
      if (request.method === 'PATCH' && id) {
        const operations = (body?.Operations ?? []) as PatchOp[];
        const known = operations.every(
          ({ op, path }) => (op === 'add' && path === 'members') || (op === 'remove' && memberFilter.test(path ?? '')) || (op === 'replace' && path === 'displayName'),
        );
        if (!known) return false;
        const group = directory.group(id);
        if (!group) {
          fail(response, 404, `Resource ${id} not found`);
          return true;
        }
        let members = (group.members ?? []) as Member[];
        let displayName = group.displayName;
        for (const { op, path, value } of operations) {
          if (op === 'add') members = [...members, ...(value as Member[]).map((member) => ({ value: member.value }))];
          else if (op === 'remove') {
            const removed = memberFilter.exec(path!)![1];
            members = members.filter((member) => member.value !== removed);
          } else displayName = value;
        }
        const before = group.members as Member[];
        const unique = [...new Map(members.map((member) => [member.value, member])).values()];
        if (displayName === group.displayName && unique.length === before.length && unique.every((member, index) => member.value === before[index]?.value)) {
          // scimmy answers a PATCH that changes nothing with 204.
          response.status(204).end();
          return true;
        }
        guarded(response, () => {
          const { id: _id, meta: _meta, ...rest } = group;
          const saved = directory.saveGroup({ ...rest, displayName, members }, id);
          response.type(SCIM_JSON).send(shown(request, saved));
        });
        return true;
      }
      if (request.method === 'DELETE' && id) {
        guarded(response, () => {
          directory.deleteGroup(id);
          response.status(204).end();
        });
        return true;
      }
      return false;
    };

    const operation: ScimOperation = { at: Date.now(), method: request.method, path: `/Groups${id ? `/${id}` : ''}`, query: new URLSearchParams(request.url.split('?')[1] ?? ''), resourceId: id, body };
    if (!handle()) return next();
    operation.status = response.statusCode;
    operation.doneAt = Date.now();
    operation.resourceId ??= response.locals.createdId as string | undefined;
    entry.tenant.operations.push(operation);
  });

  return {
    router,
    add: (tenantId, token, tenant) => tenants.set(tenantId, { tokenDigest: digest(token), tenant }),
    remove: (tenantId) => tenants.delete(tenantId),
  };
}
