// The HR system's settings fields, as its descriptor's zod shape gives them (console/data/
// tenant-edit.ts): on the create form, a select of every HR system with each one's fields shown
// only while it is chosen; on the settings form, the tenant's own system's fields.
import type { HrisSettingField, HrisSettingsForm } from '../data/tenant-edit';
import { Input, Select, ShownWhen } from './form-fields';

// Words for setting keys support knows by another name; any other key is shown as it is spelt.
const words: Record<string, { label: string; hint?: string }> = {
  baseUrl: { label: 'API address (base URL)', hint: "Optional: leave empty for the HR system's usual address. Set it for a sandbox or a regional host." },
  subdomain: { label: 'Company subdomain' },
};

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const labelOf = (key: string) => words[key]?.label ?? capitalised(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

function hintOf(field: HrisSettingField): string | undefined {
  return words[field.key]?.hint ?? (field.rule ? `${capitalised(field.rule)}.`.replace(/\.\.$/, '.') : field.required ? undefined : 'Optional.');
}

interface SettingFieldProps {
  form: HrisSettingsForm;
  field: HrisSettingField;
  value?: unknown;
  /** On a settings form an emptied optional field removes the setting. */
  removable?: boolean;
}

function HrisSettingInput({ form, field, value, removable }: SettingFieldProps) {
  const number = field.kind === 'number';
  return (
    <Input
      id={`field-hris-${form.provider}-${field.key}`}
      name={`hris.${field.key}`}
      label={labelOf(field.key)}
      hint={hintOf(field)}
      required={field.required}
      type={number ? 'number' : field.kind}
      as={number ? 'number' : undefined}
      value={typeof value === 'string' || typeof value === 'number' ? value : undefined}
      removable={removable && !field.required}
    />
  );
}

/** The create form's choice of HR system, each system's own fields below it while it is chosen. */
export function HrisProviderChoice({ forms }: { forms: HrisSettingsForm[] }) {
  return (
    <>
      <Select
        name="hris.provider"
        label="HR system"
        required
        placeholder="Choose the HR system"
        options={forms.map((form) => ({ value: form.provider, label: form.name }))}
        hint="Where the directory comes from. It cannot change later: its key belongs to it."
      />
      {forms.map((form) => (
        <ShownWhen key={form.provider} field="hris.provider" equals={form.provider} shown={false}>
          {form.fields.length === 0 ? (
            <p class="hint">{`${capitalised(form.name)} needs no settings here.`}</p>
          ) : (
            form.fields.map((field) => <HrisSettingInput key={field.key} form={form} field={field} />)
          )}
        </ShownWhen>
      ))}
    </>
  );
}

/** The settings form's fields of the tenant's own HR system, filled with what it has. */
export function HrisSettingsFields({ form, settings }: { form: HrisSettingsForm; settings: Record<string, unknown> }) {
  if (form.fields.length === 0) return <p class="hint">{`${capitalised(form.name)} has no settings to change.`}</p>;
  return (
    <>
      <p class="notice">
        Changing the HR system's address ({form.fields.map((field) => labelOf(field.key).toLowerCase()).join(', ')}) forgets its key: the key was checked at the old address and is never
        sent anywhere else. The tenant then needs a key verified at the new address (a tenant in testing or ready goes back to authorization; a live one needs re-authorization and its HR
        admin is e-mailed a new link).
      </p>
      {form.fields.map((field) => (
        <HrisSettingInput key={field.key} form={form} field={field} value={settings[field.key]} removable />
      ))}
    </>
  );
}
