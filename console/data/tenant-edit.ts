// What the tenant forms read: each HR system's settings fields, derived from its descriptor's zod
// shape in the registry (a new HR system brings its fields with it), and the tenant as the API
// shows it, so the forms start from exactly what GET /api/tenants/:id answers.
import { z } from 'zod';
import { hrisProviders, hrisRegistry, type HrisProvider } from '../../activities/hris/registry';
import type { Db } from '../../common/db';
import { currentTenantView, type Tenant } from '../../api/tenant-view';

export interface HrisSettingField {
  /** The key beside `provider`, e.g. `baseUrl`. */
  key: string;
  required: boolean;
  kind: 'text' | 'url' | 'number';
  /** What the descriptor's rule says a value must be, for a required field. */
  rule?: string;
}

export interface HrisSettingsForm {
  provider: HrisProvider;
  name: string;
  fields: HrisSettingField[];
}

const unwrapped = (schema: z.ZodType): z.ZodType => (schema instanceof z.ZodOptional ? unwrapped(schema.unwrap() as z.ZodType) : schema);

function settingField(key: string, schema: z.ZodType): HrisSettingField {
  const required = !schema.safeParse(undefined).success;
  const kind = unwrapped(schema) instanceof z.ZodNumber ? 'number' : /url$/i.test(key) ? 'url' : 'text';
  // The descriptor's own refusal of an empty value says what it wants ("must be the company subdomain, e.g. …").
  const refused = required ? schema.safeParse('').error?.issues[0]?.message : undefined;
  return { key, required, kind, ...(refused && { rule: refused }) };
}

/** Every HR system with its settings fields, in the registry's order. */
export function hrisSettingsForms(): HrisSettingsForm[] {
  // Only the fields' shapes are read here: the URL policy is the API's, applied when the form is sent.
  const kit = { z, url: z.string() };
  return hrisProviders.map((provider) => {
    const descriptor = hrisRegistry[provider];
    const shape = descriptor.settings(kit) as Record<string, z.ZodType>;
    return { provider, name: descriptor.name, fields: Object.entries(shape).map(([key, schema]) => settingField(key, schema)) };
  });
}

export const hrisSettingsFormOf = (provider: string): HrisSettingsForm | undefined => hrisSettingsForms().find((form) => form.provider === provider);

/** The tenant as GET /api/tenants/:id shows it; an unknown id is the API's 404. */
export const tenantToEdit = (db: Db, id: string): Promise<Tenant> => currentTenantView(db, id);
