// The fields of the tenant forms (create, settings, config), named by the API's dotted body paths
// like api-form.tsx's Field, with what those forms need beside: their own ids (one path may have a
// field per HR system, only the shown one enabled), selects and checkboxes, and `removable`
// fields whose emptied value is sent as null, which a merge patch reads as "remove".
import type { ComponentChildren } from 'preact';

interface Common {
  /** The dotted path the API names in its refusals, e.g. `schedule.cron`. */
  name: string;
  label: string;
  /** Needed when the same path has several fields on one page. */
  id?: string;
  hint?: ComponentChildren;
  required?: boolean;
  /** How the script reads the value (console/browser/api-forms.ts). */
  as?: 'number' | 'json' | 'lines' | 'boolean';
}

const idOf = ({ id, name }: Pick<Common, 'id' | 'name'>) => id ?? `field-${name.replace(/\W/g, '-')}`;

function FieldFrame({ id, label, hint, children }: { id: string; label: string; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

interface InputProps extends Common {
  value?: string | number;
  type?: 'text' | 'email' | 'url' | 'password' | 'number';
  /** An emptied field is sent as null: a merge patch removes the setting. */
  removable?: boolean;
  autocomplete?: string;
  multiline?: boolean;
  step?: string;
}

export function Input(props: InputProps) {
  const { name, label, hint, required, as, value, type = 'text', removable, autocomplete, multiline, step } = props;
  const id = idOf(props);
  const shared = { id, name, required, 'data-type': as, 'data-empty': removable ? 'null' : undefined, 'aria-describedby': hint ? `${id}-hint` : undefined };
  return (
    <FieldFrame id={id} label={label} hint={hint}>
      {multiline ? (
        <textarea {...shared} spellcheck={false}>
          {value}
        </textarea>
      ) : (
        // preact types each input type apart; these types all take a value.
        <input {...shared} type={type as 'text'} value={value} autocomplete={autocomplete} step={step} />
      )}
    </FieldFrame>
  );
}

interface SelectProps extends Common {
  options: readonly { value: string; label: string }[];
  value?: string;
  /** A first, empty choice: nothing is sent until one is chosen. */
  placeholder?: string;
}

export function Select(props: SelectProps) {
  const { name, label, hint, required, as, options, value, placeholder } = props;
  const id = idOf(props);
  return (
    <FieldFrame id={id} label={label} hint={hint}>
      <select id={id} name={name} required={required} data-type={as} aria-describedby={hint ? `${id}-hint` : undefined}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A yes/no setting: the script sends a checkbox as true or false. */
export function Checkbox({ name, label, checked, hint }: { name: string; label: string; checked: boolean; hint?: string }) {
  const id = idOf({ name });
  return (
    <div class="field checkbox">
      <input id={id} name={name} type="checkbox" checked={checked} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** Fields shown only while another field of the form (a select) holds one value (console/browser/shown-when.ts). */
export function ShownWhen({ field, equals, shown, children }: { field: string; equals: string; shown: boolean; children: ComponentChildren }) {
  return (
    <div class="shown-when" data-shown-when={`${field}=${equals}`} hidden={!shown}>
      {children}
    </div>
  );
}
