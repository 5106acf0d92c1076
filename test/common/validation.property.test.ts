// Properties of the edge validators (common/validation.ts) for any string a client can send: a
// value is accepted exactly when it keeps the field's documented rule (written again in
// test/support/unicode-text.ts as the oracle), and a refusal is one detail naming the field and
// the rule, never an exception. fast-check prints the counterexample and the seed of a failure.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { boundedRecord, freeText, issuesToDetails, line, reasonText, type Detail } from '../../common/validation';
import { anyText, brokenTextRule, longText, refusalWording, textAround } from '../support/unicode-text';

const runs = { numRuns: 500 };
const lineBreaksAndTab = ['\t', '\n', '\r'];

/** The validator inside a body, as the API uses it: its outcome, with details as the API answers them. */
function check(schema: z.ZodType, value: unknown): { accepted: true; data: unknown } | { accepted: false; details: Detail[] } {
  const result = z.object({ field: schema }).safeParse({ field: value });
  return result.success ? { accepted: true, data: result.data.field } : { accepted: false, details: issuesToDetails(result.error.issues) };
}

const builders = [
  ['line', line, []],
  ['freeText', freeText, lineBreaksAndTab],
] as const;
const label = fc.option(fc.constantFrom('The name', 'schedule.cron', 'Each value of "in"'), { nil: undefined });
const maxAndText = fc.integer({ min: 0, max: 300 }).chain((max) => fc.tuple(fc.constant(max), fc.oneof(textAround(max), anyText({ maxLength: 40 }), longText)));

describe.each(builders)('%s(max)', (_name, builder, allowed) => {
  it('accepts a string exactly when it keeps the rule, unchanged; otherwise one detail names the field and the first rule broken', () => {
    fc.assert(
      fc.property(maxAndText, label, ([max, text], label) => {
        const outcome = check(builder(max, { label }), text);
        const broken = brokenTextRule(text, max, allowed);
        if (broken === undefined) {
          expect(outcome).toEqual({ accepted: true, data: text });
          return;
        }
        expect(outcome.accepted).toBe(false);
        const { details } = outcome as { details: Detail[] };
        expect(details).toHaveLength(1);
        expect(details[0]!.path).toBe('field');
        expect(details[0]!.message).toMatch(refusalWording[broken](max));
        if (label) expect([details[0]!.message.startsWith(`${label} `), details[0]!.message.endsWith('.')]).toEqual([true, true]);
      }),
      runs,
    );
  });

  it('refuses anything that is not a string with the error it was given, naming the field', () => {
    const notText = fc.anything().filter((value) => typeof value !== 'string');
    fc.assert(
      fc.property(notText, (value) => {
        const outcome = check(builder(10, { error: 'must be text' }), value);
        // zod reads a missing field as undefined: that is "not a string" too.
        expect(outcome).toEqual({ accepted: false, details: [{ path: 'field', message: 'must be text' }] });
      }),
      // Objects with a `length` once drew a second, length refusal (found by this property, seed 1626956790).
      { ...runs, examples: [[{ length: {} }], [{ length: 99 }]] },
    );
  });
});

describe('reasonText', () => {
  it('takes any reason of at most 1000 characters, tab and line breaks included, and nothing else', () => {
    const reason = fc.oneof(textAround(1000), anyText({ maxLength: 60 }), longText);
    fc.assert(
      fc.property(reason, (text) => {
        const broken = brokenTextRule(text, 1000, lineBreaksAndTab);
        const outcome = check(reasonText, text);
        expect(outcome.accepted).toBe(broken === undefined);
        if (!outcome.accepted) expect(outcome.details).toEqual([{ path: 'field', message: expect.stringMatching(refusalWording[broken!](1000)) }]);
      }),
      runs,
    );
  });
});

describe('boundedRecord', () => {
  const KEY_MAX = 10;
  const VALUE_MAX = 10;
  // Mostly plain keys, so that records often pass and the count decides; some of any text, and
  // __proto__, which JSON.parse makes an own key of a body.
  const key = fc.oneof({ arbitrary: fc.string({ minLength: 1, maxLength: 4 }), weight: 4 }, anyText({ maxLength: 12 }), fc.constant('__proto__'));
  const value = fc.oneof({ arbitrary: fc.string({ maxLength: 4 }), weight: 4 }, anyText({ maxLength: 12 }));
  const entries = fc.uniqueArray(fc.tuple(key, value), { selector: ([name]) => name, maxLength: 9 });
  const schema = (max: number, label?: string) => boundedRecord(z.record(line(KEY_MAX), freeText(VALUE_MAX)), max, label);

  it('accepts a record exactly when it has at most max entries, each key a line and each value free text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 6 }), entries, label, (max, pairs, label) => {
        const outcome = check(schema(max, label), Object.fromEntries(pairs));
        // zod leaves a __proto__ key out of what it returns (it would replace the prototype).
        const kept = pairs.filter(([name]) => name !== '__proto__');
        const bad = kept.filter(([name, text]) => brokenTextRule(name, KEY_MAX) || brokenTextRule(text, VALUE_MAX, lineBreaksAndTab)).map(([name]) => `field.${name}`);
        const countRefusal = `${label ? `${label} ` : ''}must have at most ${max} entries${label ? '.' : ''}`;
        if (bad.length === 0 && kept.length <= max) {
          expect(outcome).toEqual({ accepted: true, data: Object.fromEntries(kept) });
          return;
        }
        expect(outcome.accepted).toBe(false);
        const { details } = outcome as { details: Detail[] };
        // Each bad entry is named by its key; the count is named by the record itself.
        expect(details.filter((detail) => detail.path !== 'field').map((detail) => detail.path).sort()).toEqual([...bad].sort());
        if (bad.length === 0) expect(details).toEqual([{ path: 'field', message: countRefusal }]);
        // Alongside bad entries, the count may or may not be reported, but only when it is over.
        for (const detail of details.filter(({ path }) => path === 'field')) expect([detail.message, kept.length > max]).toEqual([countRefusal, true]);
      }),
      runs,
    );
  });

  it('leaves a __proto__ key out, neither counted nor able to change what the record inherits', () => {
    const body = JSON.parse('{"field": {"__proto__": {"polluted": "yes"}, "a": "1"}}') as { field: object };
    const outcome = check(schema(1), body.field);
    expect(outcome).toEqual({ accepted: true, data: { a: '1' } });
    expect(((outcome as { data: Record<string, unknown> }).data as { polluted?: string }).polluted).toBeUndefined();
  });
});

describe('issuesToDetails', () => {
  it('names each unknown field of a strict body once, by its key, whatever the key', () => {
    const extra = fc.uniqueArray(fc.oneof(anyText({ minLength: 1, maxLength: 12 }), fc.constant('__proto__')), { maxLength: 5 }).map((names) => names.filter((name) => name !== 'name'));
    fc.assert(
      fc.property(extra, (names) => {
        const result = z.strictObject({ name: line(10) }).safeParse(Object.fromEntries([['name', 'Acme'], ...names.map((name) => [name, 'x'])]));
        const details = result.success ? [] : issuesToDetails(result.error.issues);
        const byPath = (a: Detail, b: Detail) => (a.path < b.path ? -1 : 1);
        expect(details.sort(byPath)).toEqual(names.map((name) => ({ path: name, message: `"${name}" is not a field Roster knows.` })).sort(byPath));
      }),
      runs,
    );
  });
});
