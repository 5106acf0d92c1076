// A form the console's script sends to the API (console/browser/api-forms.ts): the API validates
// and refuses, the form shows its refusal (the summary below, each bad field beside its input).
import type { ComponentChildren } from 'preact';

interface ApiFormProps {
  /** The API path, e.g. `/api/tenants/acme/pause`. */
  action: string;
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Where to go after success (`{field}` from the answer); the page reloads when absent. */
  then?: string;
  /** Sends the chosen file as text/csv instead of the fields as JSON. */
  file?: boolean;
  /** Offboarding's typed confirmation: a field marked `data-confirm` must hold this. */
  confirmValue?: string;
  /** Shows this field of the answer in the form's `<output>` instead of leaving the page (a secret shown once). */
  show?: string;
  label?: string;
  class?: string;
  children: ComponentChildren;
}

export function ApiForm({ action, method = 'POST', then, file, confirmValue, show, label, class: className, children }: ApiFormProps) {
  return (
    <form data-api={action} data-method={method} data-then={then} data-body={file ? 'file' : undefined} data-confirm-value={confirmValue} data-show={show} aria-label={label} class={className ?? 'stack'}>
      <p class="form-problem" role="alert" tabIndex={-1} hidden />
      {children}
    </form>
  );
}

interface FieldProps {
  /** The dotted path the API names in its refusals, e.g. `contacts.supportEmail`. */
  name: string;
  label: string;
  value?: string | number;
  type?: 'text' | 'email' | 'url' | 'password' | 'number' | 'datetime-local' | 'search';
  hint?: string;
  required?: boolean;
  /** How the script reads the value (see api-forms.ts). */
  as?: 'number' | 'json' | 'lines';
  multiline?: boolean;
}

const fieldId = (name: string) => `field-${name.replace(/\W/g, '-')}`;

export function Field({ name, label, value, type = 'text', hint, required, as, multiline }: FieldProps) {
  const id = fieldId(name);
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea id={id} name={name} data-type={as} required={required} aria-describedby={hintId}>
          {value}
        </textarea>
      ) : (
        // preact types each input type apart; these types all take a value.
        <input id={id} name={name} type={type as 'text'} value={value} data-type={as} required={required} aria-describedby={hintId} />
      )}
    </div>
  );
}
