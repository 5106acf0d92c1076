// Which platform attributes (config names) exist, read from the server's `/Schemas` (RFC 7643
// §7). A server that does not answer it is taken to have them all: writes then show what fails.
import type { SupportedAttributes } from './connector';
import { CORE_USER, ENTERPRISE_USER, type ListResponse } from './scim-protocol';
import type { ScimTransport } from './scim-transport';
import { CORE_ATTRIBUTES, ENTERPRISE_ATTRIBUTES } from './scim-user-mapping';

interface SchemaDescription {
  id?: string;
  attributes?: { name?: string; subAttributes?: { name?: string }[] }[];
}

export async function scimSupportedAttributes(transport: ScimTransport, customSchema: string | undefined): Promise<SupportedAttributes> {
  const { status, body } = await transport.call<ListResponse<SchemaDescription> | SchemaDescription[]>('GET', '/Schemas', { tolerate: [404, 501] });
  // Some servers answer a bare array rather than a ListResponse.
  const described = Array.isArray(body) ? body : body?.Resources;
  if (status !== 200 || !Array.isArray(described)) return 'all';
  const attributesOf = (id: string | undefined) => new Map((described.find((schema) => schema.id === id)?.attributes ?? []).map((attribute) => [attribute.name ?? '', attribute]));
  const core = attributesOf(CORE_USER);
  if (core.size === 0) return 'all';

  const supported = new Set(CORE_ATTRIBUTES.filter((name) => core.has(name)));
  if (core.get('addresses')?.subAttributes?.some((sub) => sub.name === 'locality')) supported.add('location');
  const enterprise = attributesOf(ENTERPRISE_USER);
  for (const name of [...ENTERPRISE_ATTRIBUTES, 'manager']) if (enterprise.has(name)) supported.add(name);
  if (customSchema) for (const name of attributesOf(customSchema).keys()) supported.add(`custom.${name}`);
  return supported;
}
