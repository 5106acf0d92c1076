// Where each field of an account lives in a SCIM user (RFC 7643 §4.1, enterprise extension §4.3,
// and the tenant's own custom schema extension), for reading, creating and patching.
import type { AccountChanges, AccountFields, PlatformAccount } from '../../common/directory';
import { ConnectorError } from '../http/errors';
import { CORE_USER, ENTERPRISE_USER, type PatchOperation, type ScimResource } from './scim-protocol';

export const CORE_ATTRIBUTES = ['title', 'displayName', 'preferredLanguage'];
export const ENTERPRISE_ATTRIBUTES = ['department', 'division', 'organization', 'costCenter', 'employeeNumber'];
const WORK_ADDRESS = 'addresses[type eq "work"]';
const WORK_EMAIL = 'emails[type eq "work"]';

type Slot =
  /** `reference`: a complex `{value}` holding a platform id (the manager). */
  | { kind: 'attribute'; schema?: string; name: string; reference?: boolean }
  | { kind: 'workLocality' };

/** One PATCH operation, and what to send instead when its value-filtered target does not exist yet. */
export interface PatchStep {
  operation: PatchOperation;
  whenMissing?: { exists(user: ScimResource): boolean; operation?: PatchOperation };
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined);
const workAddress = (user: ScimResource) => ((user.addresses ?? []) as Record<string, unknown>[]).find((address) => address.type === 'work');
const emails = (user: ScimResource) => (user.emails ?? []) as Record<string, unknown>[];

function slotOf(attribute: string, customSchema: string | undefined): Slot {
  if (CORE_ATTRIBUTES.includes(attribute)) return { kind: 'attribute', name: attribute };
  if (ENTERPRISE_ATTRIBUTES.includes(attribute)) return { kind: 'attribute', schema: ENTERPRISE_USER, name: attribute };
  // A PATCH on `…:User:manager.value` is refused by some servers; the complex attribute is not.
  if (attribute === 'manager') return { kind: 'attribute', schema: ENTERPRISE_USER, name: 'manager', reference: true };
  if (attribute === 'location') return { kind: 'workLocality' };
  if (attribute.startsWith('custom.')) {
    if (!customSchema) throw new ConnectorError('misconfigured', `the platform attribute ${attribute} needs the platform's customSchema setting`);
    return { kind: 'attribute', schema: customSchema, name: attribute.slice('custom.'.length) };
  }
  throw new ConnectorError('misconfigured', `the platform has no attribute ${attribute}`);
}

function readSlot(user: ScimResource, slot: Slot): string | undefined {
  if (slot.kind === 'workLocality') return text(workAddress(user)?.locality);
  const value = slot.schema ? record(user[slot.schema])[slot.name] : user[slot.name];
  return text(slot.reference ? record(value).value : value);
}

function writeSlot(user: ScimResource, slot: Slot, value: string) {
  if (slot.kind === 'workLocality') {
    user.addresses = [{ type: 'work', locality: value }];
    return;
  }
  const written = slot.reference ? { value } : value;
  if (!slot.schema) {
    user[slot.name] = written;
    return;
  }
  user[slot.schema] = { ...record(user[slot.schema]), [slot.name]: written };
  const schemas = user.schemas as string[];
  if (!schemas.includes(slot.schema)) schemas.push(slot.schema);
}

function patchSlot(slot: Slot, value: string | null): PatchStep {
  if (slot.kind === 'workLocality') {
    const path = `${WORK_ADDRESS}.locality`;
    if (value === null) return { operation: { op: 'remove', path }, whenMissing: { exists: (user) => workAddress(user) !== undefined } };
    return {
      operation: { op: 'replace', path, value },
      whenMissing: { exists: (user) => workAddress(user) !== undefined, operation: { op: 'add', path: 'addresses', value: [{ type: 'work', locality: value }] } },
    };
  }
  const path = slot.schema ? `${slot.schema}:${slot.name}` : slot.name;
  if (value === null) return { operation: { op: 'remove', path } };
  return { operation: { op: 'replace', path, value: slot.reference ? { value } : value } };
}

function patchEmail(value: string | null): PatchStep {
  const exists = (user: ScimResource) => emails(user).some((email) => email.type === 'work');
  if (value === null) return { operation: { op: 'remove', path: WORK_EMAIL }, whenMissing: { exists } };
  return {
    operation: { op: 'replace', path: `${WORK_EMAIL}.value`, value },
    whenMissing: { exists, operation: { op: 'add', path: 'emails', value: [{ value, type: 'work', primary: true }] } },
  };
}

/** Every known attribute the platform returned, plus those of the custom schema extension. */
export function fromScimUser(user: ScimResource, customSchema: string | undefined): PlatformAccount {
  const attributes: Record<string, string> = {};
  for (const attribute of [...CORE_ATTRIBUTES, ...ENTERPRISE_ATTRIBUTES, 'manager', 'location']) {
    const value = readSlot(user, slotOf(attribute, customSchema));
    if (value !== undefined) attributes[attribute] = value;
  }
  for (const [name, value] of Object.entries(customSchema ? record(user[customSchema]) : {})) {
    if (text(value) !== undefined) attributes[`custom.${name}`] = text(value)!;
  }
  const name = record(user.name);
  const email = emails(user).find((e) => e.primary === true) ?? emails(user).find((e) => e.type === 'work') ?? emails(user)[0];
  return {
    id: String(user.id),
    userName: String(user.userName ?? ''),
    externalId: text(user.externalId),
    // RFC 7643: active is optional; an account without it is not deactivated.
    active: user.active !== false,
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    displayName: text(user.displayName),
    email: text(email?.value),
    attributes,
  };
}

/** A mapped `displayName` attribute wins over the account's display name (it is written after). */
export function toScimUser(fields: AccountFields, customSchema: string | undefined): ScimResource {
  const user: ScimResource = { schemas: [CORE_USER], userName: fields.userName, externalId: fields.externalId, active: fields.active };
  const name = { givenName: fields.givenName, familyName: fields.familyName };
  if (name.givenName !== undefined || name.familyName !== undefined) user.name = name;
  if (fields.displayName !== undefined) user.displayName = fields.displayName;
  if (fields.email !== undefined) user.emails = [{ value: fields.email, type: 'work', primary: true }];
  for (const [attribute, value] of Object.entries(fields.attributes)) writeSlot(user, slotOf(attribute, customSchema), value);
  return user;
}

/** Only what `changes` names: `replace` for a value, `remove` for null. */
export function userPatch(changes: AccountChanges, customSchema: string | undefined): PatchStep[] {
  const steps = new Map<string, PatchStep>();
  const add = (step: PatchStep) => steps.set(step.operation.path!, step);
  for (const field of ['userName', 'externalId', 'displayName'] as const) {
    const value = changes[field];
    if (value !== undefined) add(value === null ? { operation: { op: 'remove', path: field } } : { operation: { op: 'replace', path: field, value } });
  }
  for (const field of ['givenName', 'familyName'] as const) {
    const value = changes[field];
    const path = `name.${field}`;
    if (value !== undefined) add(value === null ? { operation: { op: 'remove', path } } : { operation: { op: 'replace', path, value } });
  }
  if (changes.email !== undefined) add(patchEmail(changes.email));
  if (changes.active !== undefined) add({ operation: { op: 'replace', path: 'active', value: changes.active } });
  for (const [attribute, value] of Object.entries(changes.attributes ?? {})) add(patchSlot(slotOf(attribute, customSchema), value));
  return [...steps.values()];
}
