// Wording shared by the validator's messages, so that every refusal reads the same way to a
// support agent: what is wrong, what was given, what is accepted.

/** "a, b or c" — for the accepted values in a message. */
export function listOf(values: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1]}`;
}

const MAX_SHOWN = 60;

/** The offending value as JSON, shortened: enough to recognise it, never a whole document. */
export function shown(input: unknown): string {
  const text = input === undefined ? 'nothing' : JSON.stringify(input);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/**
 * A zod error function for a field: "<label> is required; it must be <expected>." when absent,
 * "<label> must be <expected>; got <value>." otherwise. Only required fields ever see the first.
 */
export function expecting(label: string, expected: string) {
  return (issue: { input?: unknown }): string =>
    issue.input === undefined
      ? `${label} is required; it must be ${expected}.`
      : `${label} must be ${expected}; got ${shown(issue.input)}.`;
}
