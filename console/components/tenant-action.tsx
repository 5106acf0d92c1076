// One action on the tenant: a form the console's script sends to the API when the stage allows
// it, or its button disabled with the stage table's own sentence saying why (common/stages.ts,
// the sentence the workflow's validators refuse with), so the page and the API never disagree.
import type { ComponentChildren } from 'preact';
import { allows, refusal, type Operation, type Stage } from '../../common/stages';
import { ApiForm } from './api-form';
import { Input } from './form-fields';

interface ActionProps {
  /** The card's heading; also the button's label unless `button` says otherwise. */
  title: string;
  button?: string;
  stage: Stage;
  op: Operation;
  /** A precondition beyond the stage (e.g. kick-off needs a config): the clause the API's refusal adds. */
  unmet?: string;
  action: string;
  method?: 'POST' | 'DELETE';
  then?: string;
  /** Shows this field of the answer in the form's `<output>` instead of reloading (ApiForm's `show`). */
  show?: string;
  confirmValue?: string;
  danger?: boolean;
  /** What the action does, in a sentence. */
  hint?: string;
  children?: ComponentChildren;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

export function Action({ title, button = title, stage, op, unmet, action, method, then, show, confirmValue, danger, hint, children }: ActionProps) {
  const id = `action-${slug(title)}`;
  const enabled = allows(stage, op) && !unmet;
  return (
    <section class={`action${enabled ? '' : ' unavailable'}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {hint && <p class="hint">{hint}</p>}
      {enabled ? (
        <ApiForm action={action} method={method} then={then} show={show} confirmValue={confirmValue} label={title}>
          {children}
          <button type="submit" class={danger ? 'danger' : undefined}>
            {button}
          </button>
        </ApiForm>
      ) : (
        <>
          <p class="refusal" id={`${id}-why`}>
            {refusal(stage, op, unmet)}
          </p>
          <button type="button" disabled aria-describedby={`${id}-why`}>
            {button}
          </button>
        </>
      )}
    </section>
  );
}

/** The optional reason most actions record in the history; `form` keeps its id apart from the other forms'. */
export const Reason = ({ form }: { form: string }) => <Input id={`${form}-reason`} name="reason" label="Reason (optional)" />;
