// scimmy's resource declarations are process-wide: they are made once here, and every request
// finds its tenant's directory in the context the router passes to the handlers.
import SCIMMY from 'scimmy';
import { demoCustomSchemaDefinition } from './custom-schema';
import type { ScimRecord, TenantDirectory } from './directory';

export interface ScimRequestContext {
  directory: TenantDirectory;
  /** Tells the operation log which resource a POST created. */
  created(id: string): void;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

/** `attr eq "value"` on its own, the shape of every lookup Roster makes. */
function equality(filter: SCIMMY.Types.Filter): { attribute: string; value: string } | undefined {
  if (filter.length !== 1) return undefined;
  const entries = Object.entries(filter[0] as Record<string, unknown>);
  if (entries.length !== 1) return undefined;
  const [attribute, expression] = entries[0]!;
  if (!Array.isArray(expression) || expression[0] !== 'eq' || typeof expression[1] !== 'string') return undefined;
  return { attribute: attribute.toLowerCase(), value: expression[1] };
}

function matchingUsers(directory: TenantDirectory, filter: SCIMMY.Types.Filter | undefined): readonly ScimRecord[] {
  if (!filter) return directory.users();
  const lookup = equality(filter);
  // scimmy's own matching is case-sensitive, but userName is not (RFC 7643 §4.1.1).
  if (lookup?.attribute === 'username') {
    const user = directory.userByName(lookup.value);
    return user ? [user] : [];
  }
  if (lookup?.attribute === 'externalid') return directory.usersByExternalId(lookup.value);
  return filter.match([...directory.users()]);
}

function notFound(id: string): never {
  throw new SCIMMY.Types.Error(404, '', `Resource ${id} not found`);
}

const plain = (instance: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(instance));
const context = (ctx: unknown) => ctx as ScimRequestContext;
// scimmy's handler types name its schema classes; the handlers here return their JSON form.
const asScim = (value: unknown) => value as never;

/**
 * Stored users were coerced by scimmy on their way in, so a list only needs the envelope its way
 * out adds (a test holds the two equal). Coercing costs about 0.4 ms a user: 40 s for 100,000.
 */
const asListed = (user: ScimRecord, basepath: string) => asScim({ ...user, meta: { resourceType: 'User', ...user.meta, location: `${basepath}/${user.id}` } });

/**
 * scimmy coerces every user a read handler returns, then pages: at 100,000 users, a minute per
 * page. Plain lists are paged here first, and only asked-for attribute subsets are coerced.
 */
class PagedUsers extends SCIMMY.Resources.User {
  override async read<T>(ctx?: T) {
    if (this.id || this.constraints?.sortBy || !ctx) return super.read(ctx);
    const matches = matchingUsers(context(ctx).directory, this.filter);
    const startIndex = this.constraints?.startIndex ?? 1;
    const count = Math.min(this.constraints?.count ?? DEFAULT_PAGE, MAX_PAGE);
    const page = matches.slice(startIndex - 1, startIndex - 1 + count);
    // Built empty and filled after: ListResponse would otherwise slice an already-sliced page again.
    const list = new SCIMMY.Messages.ListResponse<SCIMMY.Schemas.User>([], { startIndex, itemsPerPage: page.length, totalResults: matches.length });
    const basepath = SCIMMY.Resources.User.basepath() as string;
    list.Resources = page.map((user) => (this.attributes ? new SCIMMY.Schemas.User(user, 'out', basepath, this.attributes) : asListed(user, basepath)));
    return list;
  }
}

let declared = false;

export function declareScimResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Resources.declare(PagedUsers, 'User');
  PagedUsers.extend(SCIMMY.Schemas.EnterpriseUser, false);
  SCIMMY.Schemas.User.definition.extend(demoCustomSchemaDefinition, false);
  PagedUsers.egress((resource, ctx) => {
    const { directory } = context(ctx);
    if (!resource.id) return asScim([...matchingUsers(directory, resource.filter)]);
    return asScim(directory.user(resource.id) ?? notFound(resource.id));
  });
  PagedUsers.ingress((resource, instance, ctx) => {
    const record = context(ctx).directory.saveUser(plain(instance), resource.id);
    if (!resource.id) context(ctx).created(record.id);
    return asScim(record);
  });
  // No degress: like the platforms Roster serves, users here are deactivated, never deleted (501).

  SCIMMY.Resources.declare(SCIMMY.Resources.Group);
  SCIMMY.Resources.Group.egress((resource, ctx) => {
    const { directory } = context(ctx);
    if (resource.id) return asScim(directory.group(resource.id) ?? notFound(resource.id));
    const groups = directory.groups();
    return asScim(resource.filter ? resource.filter.match(groups) : groups);
  });
  SCIMMY.Resources.Group.ingress((resource, instance, ctx) => {
    const record = context(ctx).directory.saveGroup(plain(instance), resource.id);
    if (!resource.id) context(ctx).created(record.id);
    return asScim(record);
  });
  SCIMMY.Resources.Group.degress((resource, ctx) => context(ctx).directory.deleteGroup(resource.id!));
}
