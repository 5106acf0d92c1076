// The body of `PATCH /api/tenants/:id`: a JSON merge patch (RFC 7396) of the settings given at
// creation. Only the fields given change; `null` removes an optional one. What the patch leaves
// is checked with the creation's own schemas, so a setting can never be stored that a new tenant
// could not have. The HR system and the platform's kind never change: their keys and accounts
// belong to them. A new platform token arrives here in the clear and leaves only to be checked
// and sealed (routes/tenants.ts).
import { z } from 'zod';
import { hrisRegistry } from '../activities/hris/registry';
import { hrisProviders, type HrisSettings } from '../common/tenant';
import type { Stage } from '../common/stages';
import type { TenantRow } from '../common/tenants-repository';
import { issuesToDetails, reasonText, type Detail } from '../common/validation';
import type { ChangeSettingsInput, PlatformSettingsChange } from '../workflows/tenant-messages';
import { validationFailed } from './errors';
import { sandboxPatchSchema, patchSandbox } from './sandbox-settings';
import { contactsSchema, emailSchema, hrisSchema, platformParts, scimFields, tenantNameSchema, urlSchema } from './tenant-input';

const removable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();
const required = <T extends z.ZodType>(schema: T) => (schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema);

/** Every HR system's settings beside `provider`, each removable; the patched whole is checked against its own provider's. */
function hrisPatchSchema(url: z.ZodType<string>) {
  const fields: z.ZodRawShape = Object.assign({}, ...hrisProviders.map((provider) => hrisRegistry[provider].settings({ z, url })));
  const patch = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, removable(required(field as z.ZodType))]));
  return z.strictObject({ provider: z.enum(hrisProviders, { message: `must be one of: ${hrisProviders.join(', ')}` }).optional(), ...patch }).meta({ description: "The HR system's settings to change (its provider cannot); null removes one." });
}

function platformPatchSchema(url: z.ZodType<string>) {
  const { baseUrl, token, loginUrl, maxRequestsPerSecond, concurrency, customSchema } = scimFields(url);
  return z
    .strictObject({
      kind: z.enum(['scim', 'demo'], { message: 'must be "scim" or "demo"' }).optional(),
      baseUrl: baseUrl.optional(),
      token: token.optional().meta({ description: 'A new SCIM token: checked with the platform before it replaces the old one, which is destroyed.' }),
      loginUrl: removable(loginUrl),
      maxRequestsPerSecond: removable(maxRequestsPerSecond),
      concurrency: removable(concurrency),
      customSchema: removable(customSchema),
      sandbox: sandboxPatchSchema(url),
    })
    .meta({ description: "The platform's settings to change (its kind cannot); null removes one, or gives back its default. A new baseUrl needs a new token." });
}

const settingsFields = ['name', 'contacts', 'hris', 'platform'] as const;

export function settingsPatchSchema(allowPrivateUrls: boolean) {
  const url = urlSchema(allowPrivateUrls);
  return z
    .strictObject({
      name: tenantNameSchema.optional(),
      contacts: z.strictObject({ supportEmail: removable(emailSchema), hrisAdminEmail: removable(emailSchema) }).optional().meta({ description: 'null removes a contact.' }),
      hris: hrisPatchSchema(url).optional(),
      platform: platformPatchSchema(url).optional(),
      reason: reasonText.optional().meta({ description: "Why: kept in the tenant's history." }),
    })
    // Asked only of an otherwise valid body: an unknown field alone is named as such.
    .refine((patch) => settingsFields.some((field) => patch[field] !== undefined), { message: `must change at least one of: ${settingsFields.join(', ')}`, when: ({ issues }) => issues.length === 0 });
}

export type SettingsPatch = z.output<ReturnType<typeof settingsPatchSchema>>;

/** The settings a patch leaves, ready for the tenant workflow, and a new platform token with the settings to check it against before it is sealed. */
export interface PatchedSettings {
  change: Omit<ChangeSettingsInput, 'actor' | 'reason' | 'platformTokenRef'>;
  newToken?: NewToken;
  /** The sandbox's new token, with the settings to check it against; sealed, its reference becomes `platform.sandbox.tokenRef`. */
  newSandboxToken?: NewToken;
}

type NewToken = { token: string; platform: Extract<PlatformSettingsChange, { kind: 'scim' }> };

/** RFC 7396 on one flat object: a given value replaces, null removes. */
function merged(current: object, patch: object): Record<string, unknown> {
  const result: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result;
}

/** Parses the patched whole of one field, its problems named from the body's root. */
function checked<T>(schema: z.ZodType<T>, value: unknown, field: string, problems: Detail[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  problems.push(...issuesToDetails(result.error.issues).map(({ path, message }) => ({ path: path ? `${field}.${path}` : field, message })));
  return undefined;
}

type Patch = Exclude<SettingsPatch['platform'], undefined>;

/** The platform's settings a patch leaves, and new tokens with what to check them against. */
function patchPlatform(current: TenantRow['platform'], stage: Stage, patch: Patch, url: z.ZodType<string>, problems: Detail[]): Pick<PatchedSettings, 'newToken' | 'newSandboxToken'> & { platform?: PlatformSettingsChange } {
  const { token, sandbox: sandboxPatch, ...settings } = patch;
  const { scim, demo } = platformParts(url);
  if (settings.kind !== undefined && settings.kind !== current.kind) {
    problems.push({ path: 'platform.kind', message: `cannot change: this tenant's platform is ${current.kind}, and its accounts are linked to it. Create a new tenant for another platform.` });
    return {};
  }
  if (current.kind === 'demo') {
    if (token !== undefined) problems.push({ path: 'platform.token', message: 'the demo platform takes no token.' });
    if (sandboxPatch !== undefined) problems.push({ path: 'platform.sandbox', message: 'the demo platform has no sandbox.' });
    return { platform: checked(demo, merged(current, settings), 'platform', problems) };
  }
  const { tokenRef: _tokenRef, sandbox: currentSandbox, ...visible } = current;
  const checkedPlatform = checked(scim.omit({ token: true, sandbox: true }), merged(visible, settings), 'platform', problems);
  if (!checkedPlatform) return {};
  const { sandbox, newToken: sandboxToken } = patchSandbox(stage, currentSandbox, sandboxPatch, checkedPlatform.baseUrl, problems);
  const platform = { ...checkedPlatform, ...(sandbox && { sandbox }) };
  const newSandboxToken = sandboxToken && { token: sandboxToken.token, platform: { ...checkedPlatform, baseUrl: sandboxToken.baseUrl } };
  const tokens = { ...(newSandboxToken && { newSandboxToken }) };
  if (token !== undefined) return { platform, newToken: { token, platform: checkedPlatform }, ...tokens };
  if (platform.baseUrl !== visible.baseUrl) problems.push({ path: 'platform.token', message: "is required when the platform's baseUrl changes: a token is only ever sent to the address it was checked with." });
  return { platform, ...tokens };
}

export function patchSettings(row: Pick<TenantRow, 'name' | 'contacts' | 'hris' | 'platform' | 'stage'>, patch: SettingsPatch, allowPrivateUrls: boolean): PatchedSettings {
  const url = urlSchema(allowPrivateUrls);
  const problems: Detail[] = [];
  const change: PatchedSettings['change'] = {};
  if (patch.name !== undefined) change.name = patch.name;
  if (patch.contacts) change.contacts = checked(contactsSchema, merged(row.contacts, patch.contacts), 'contacts', problems);
  if (patch.hris) {
    const provider = patch.hris.provider;
    if (provider !== undefined && provider !== row.hris.provider) {
      problems.push({ path: 'hris.provider', message: `cannot change: this tenant's HR system is ${row.hris.provider}. Create a new tenant for ${provider}.` });
    } else change.hris = checked(hrisSchema(url), merged(row.hris, patch.hris), 'hris', problems) as HrisSettings | undefined;
  }
  const { platform, newToken, newSandboxToken } = patch.platform ? patchPlatform(row.platform, row.stage, patch.platform, url, problems) : {};
  if (platform) change.platform = platform;
  if (problems.length > 0) throw validationFailed(problems);
  return { change, ...(newToken && { newToken }), ...(newSandboxToken && { newSandboxToken }) };
}
