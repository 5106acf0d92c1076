// The tenant's settings after creation (name, contacts, HR system, platform): what a change
// touches, by field name only (never a value: a token's reference included), and the profile it
// leaves. The workflow holds the profile; the Postgres projection follows it through the record.
import type { TenantProfile } from '../../common/tenant';
import type { ChangeSettingsInput, PlatformSettingsChange } from '../tenant-messages';

type Settings = Omit<ChangeSettingsInput, 'actor' | 'reason'>;

/** Keys whose values differ between two flat settings objects, as `<prefix>.<key>`, sorted. */
function differing(prefix: string, before: object, after: object | undefined): string[] {
  if (!after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((key) => key !== 'tokenRef'));
  const value = (settings: object, key: string) => JSON.stringify((settings as Record<string, unknown>)[key]);
  return [...keys].filter((key) => value(before, key) !== value(after, key)).map((key) => `${prefix}.${key}`).sort();
}

/** The dotted names of what the change touches; empty when it changes nothing. */
export function settingsChanges(profile: TenantProfile, change: Settings): string[] {
  return [
    ...(change.name !== undefined && change.name !== profile.name ? ['name'] : []),
    ...differing('contacts', profile.contacts, change.contacts),
    ...differing('hris', profile.hris, change.hris),
    ...differing('platform', profile.platform, change.platform),
    ...(change.platformTokenRef ? ['platform.token'] : []),
  ];
}

/** The platform token's reference, for a platform that has one. */
export const platformTokenRef = (profile: TenantProfile): string | undefined => (profile.platform.kind === 'scim' ? profile.platform.tokenRef : undefined);

/** The sandbox token's reference a platform change replaces or removes, if any. */
export function replacedSandboxTokenRef(profile: TenantProfile, platform: PlatformSettingsChange): string | undefined {
  const before = profile.platform.kind === 'scim' ? profile.platform.sandbox?.tokenRef : undefined;
  const after = platform.kind === 'scim' ? platform.sandbox?.tokenRef : undefined;
  return before !== after ? before : undefined;
}

/** The profile's settings with the change applied; the token's reference stays unless a new one is given. */
export function withSettings(profile: TenantProfile, change: Settings): Omit<TenantProfile, 'tenantId'> {
  const { name = profile.name, contacts = profile.contacts, hris = profile.hris, platform: next } = change;
  if (!next) return { name, contacts, hris, platform: profile.platform };
  const tokenRef = change.platformTokenRef ?? platformTokenRef(profile);
  return { name, contacts, hris, platform: next.kind === 'scim' ? { ...next, tokenRef: tokenRef! } : next };
}

/** Touches where a run connects: the HR system or the platform. */
export const touchesConnections = (changes: readonly string[]): boolean => changes.some((path) => path.startsWith('hris.') || path.startsWith('platform.'));
