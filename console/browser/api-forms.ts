// Forms that write through the API itself: `<form data-api="/api/…" data-method="POST">`. The
// fields become the JSON body (a field's name is its dotted path; `data-type` says number,
// boolean, json, lines or datetime, a datetime-local's time sent as an ISO instant; an empty
// field is left out), the session's CSRF token goes in a header, and the API's answer decides:
// on success the page reloads, or goes where `data-then` says (`{field}` taken from the answer);
// a refusal is shown in the form, each bad field beside its input, so the browser repeats none
// of the API's rules. `data-body="file"` sends the chosen file as text/csv instead.
// `data-show="field"` stays on the page and shows that field of the answer in the form's
// `<output>`: a secret shown once is never part of a page Roster sends.

type Json = Record<string, unknown>;

const csrfToken = () => document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Json;
  node[keys[keys.length - 1]!] = value;
}

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function valueOf(field: Field): unknown {
  if (field instanceof HTMLInputElement && field.type === 'checkbox') return field.checked;
  const text = field.value.trim();
  // `data-empty="null"`: an emptied field is sent as null, which a merge patch reads as "remove".
  if (text === '') return field.dataset.empty === 'null' ? null : undefined;
  switch (field.dataset.type) {
    case 'number':
      return Number(text);
    case 'boolean':
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    case 'datetime': {
      // A datetime-local field holds the viewer's wall-clock time: the API takes an instant.
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? text : at.toISOString();
    }
    case 'lines':
      return text.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
    default:
      return text;
  }
}

function bodyOf(form: HTMLFormElement): Json {
  const body: Json = {};
  for (const field of form.querySelectorAll<Field>('input[name], select[name], textarea[name]')) {
    if (field.disabled || field.hasAttribute('data-confirm') || (field instanceof HTMLInputElement && (field.type === 'radio' && !field.checked))) continue;
    const value = valueOf(field);
    if (value !== undefined) setPath(body, field.name, value);
  }
  return body;
}

function clearProblems(form: HTMLFormElement): void {
  for (const note of form.querySelectorAll('.field-error')) note.remove();
  for (const field of form.querySelectorAll('[aria-invalid="true"]')) {
    field.removeAttribute('aria-invalid');
    const described = (field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => !id.endsWith('-error'));
    if (described.length) field.setAttribute('aria-describedby', described.join(' '));
    else field.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector<HTMLElement>('.form-problem');
  if (summary) {
    summary.hidden = true;
    summary.textContent = '';
  }
}

interface ApiProblem {
  message: string;
  details?: { path: string; message: string }[];
}

/** The enabled field a refusal's path names, or else the nearest one holding it (`include.exclude` for `include.exclude.0.field`). */
function fieldFor(form: HTMLFormElement, path: string): Field | undefined {
  const fields = [...form.querySelectorAll<Field>('input[name], select[name], textarea[name]')].filter((field) => !field.disabled);
  const holding = fields.filter((field) => path === field.name || path.startsWith(`${field.name}.`));
  return holding.sort((a, b) => b.name.length - a.name.length)[0];
}

function showProblem(form: HTMLFormElement, problem: ApiProblem): void {
  const unplaced: string[] = [];
  for (const { path, message } of problem.details ?? []) {
    const field = path ? fieldFor(form, path) : undefined;
    if (!field) {
      unplaced.push(path ? `${path}: ${message}` : message);
      continue;
    }
    // Inside a JSON field, the rest of the path says where: "0.field: …".
    const text = path === field.name ? message : `${path.slice(field.name.length + 1)}: ${message}`;
    const id = `${field.id || field.name.replace(/\W/g, '-')}-error`;
    const shown = form.querySelector(`#${CSS.escape(id)}`);
    if (shown) {
      shown.textContent = `${shown.textContent ?? ''} ${text}`;
      continue;
    }
    const note = document.createElement('p');
    note.className = 'field-error';
    note.id = id;
    note.textContent = text;
    field.after(note);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', [field.getAttribute('aria-describedby'), note.id].filter(Boolean).join(' '));
  }
  const summary = form.querySelector<HTMLElement>('.form-problem');
  if (summary) {
    summary.textContent = [problem.message, ...unplaced].join(' ');
    summary.hidden = false;
    summary.focus();
  }
}

function nextPlace(template: string | undefined, answer: Json): string | undefined {
  if (!template) return undefined;
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => encodeURIComponent(String(answer[key] ?? '')));
}

/** `data-show="field"`: the answer's field, written into the form's `<output>`, whose box (`data-shown`, hidden until then) is shown and focused. */
function showAnswer(form: HTMLFormElement, value: unknown): void {
  const output = form.querySelector('output');
  if (!output) return;
  output.value = String(value ?? '');
  const box = output.closest<HTMLElement>('[data-shown]') ?? output;
  box.hidden = false;
  box.focus();
}

async function submit(form: HTMLFormElement): Promise<void> {
  clearProblems(form);
  // A typed confirmation (offboarding): the field marked data-confirm must hold the form's data-confirm-value.
  const typed = form.querySelector<HTMLInputElement>('input[data-confirm]');
  if (typed && typed.value.trim() !== form.dataset.confirmValue) {
    return showProblem(form, { message: `Type ${form.dataset.confirmValue ?? ''} to confirm.` });
  }
  const file = form.dataset.body === 'file' ? form.querySelector<HTMLInputElement>('input[type="file"]')?.files?.[0] : undefined;
  const headers: Record<string, string> = { 'x-csrf-token': csrfToken(), 'content-type': file ? 'text/csv' : 'application/json' };
  form.setAttribute('aria-busy', 'true');
  for (const button of form.querySelectorAll('button')) button.disabled = true;
  try {
    const response = await fetch(form.dataset.api!, { method: form.dataset.method ?? 'POST', headers, body: file ?? JSON.stringify(bodyOf(form)), credentials: 'same-origin' });
    const answer = (await response.json().catch(() => ({}))) as Json & { error?: ApiProblem };
    if (!response.ok) return showProblem(form, answer.error ?? { message: `The API answered ${response.status}.` });
    if (form.dataset.show) return showAnswer(form, answer[form.dataset.show]);
    const then = nextPlace(form.dataset.then, answer);
    if (then) window.location.assign(then);
    else window.location.reload();
  } catch {
    showProblem(form, { message: 'Roster could not be reached. Check the connection and try again.' });
  } finally {
    form.removeAttribute('aria-busy');
    for (const button of form.querySelectorAll('button')) button.disabled = false;
  }
}

export function apiForms(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-api]')) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void submit(form);
    });
  }
}
