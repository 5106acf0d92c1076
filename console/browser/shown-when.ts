// Parts of a form shown only while a select holds a value: `data-shown-when="hris.provider=humaans"`.
// A hidden part's fields are disabled too, so the form's script leaves them out of the body.
type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export function shownWhen(root: ParentNode): void {
  for (const part of root.querySelectorAll<HTMLElement>('[data-shown-when]')) {
    const [name = '', value] = (part.dataset.shownWhen ?? '').split('=');
    const control = part.closest('form')?.querySelector<Field>(`[name="${CSS.escape(name)}"]`);
    if (!control) continue;
    const update = () => {
      const shown = control.value === value;
      part.hidden = !shown;
      for (const field of part.querySelectorAll<Field>('input, select, textarea')) field.disabled = !shown;
    };
    control.addEventListener('change', update);
    update();
  }
}
