// The SCIM 2.0 vocabulary (RFC 7643 / 7644) the client speaks.
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export type ScimResource = Record<string, unknown> & { id?: string; externalId?: string };

export interface ListResponse<T = ScimResource> {
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: T[];
}

export interface PatchOperation {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

export const patchBody = (operations: PatchOperation[]) => ({ schemas: [PATCH_OP], Operations: operations });

/** `attribute eq "value"`, the value escaped as a JSON string (RFC 7644 §3.4.2.2). */
export const equalsFilter = (attribute: string, value: string) => `${attribute} eq ${JSON.stringify(value)}`;
