// Strings as an attacker or a broken client sends them, for property tests of the edge: any UTF-16
// unit (lone surrogates too), any code point, the controls and line breaks that matter, and the
// rule each edge validator documents, written here independently as the tests' oracle.
import fc from 'fast-check';

/** Units the validators single out: C0 controls, DEL, C1, Unicode line breaks, BOM, both surrogate halves. */
const awkward = ['\u0000', '\t', '\n', '\r', '\u000b', '\u001b', '\u001f', '\u007f', '\u0080', '\u0085', '\u2028', '\ufeff', '\ud800', '\udbff', '\udc00', '\udfff'];

const unit = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 4 },
  { arbitrary: fc.constantFrom(...awkward), weight: 2 },
  // Any UTF-16 unit: two in a row may pair up, a single half is a lone surrogate.
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
);

/** Any string of up to `maxLength` units, from the mix above. */
export const anyText = (constraints: { minLength?: number; maxLength: number }) => fc.string({ unit, ...constraints });

/** Very long strings (up to some ten thousand characters): a short piece repeated. */
export const longText = fc.tuple(anyText({ minLength: 1, maxLength: 6 }), fc.integer({ min: 100, max: 2000 })).map(([piece, times]) => piece.repeat(times));

/** A string whose length is near `max`, where an off-by-one would show. */
export const textAround = (max: number) => anyText({ minLength: Math.max(0, max - 2), maxLength: max + 2 });

/** Characters as a person counts them: code points, a lone surrogate being one. */
export const characters = (text: string): string[] => [...text];

export const isLoneSurrogate = (char: string) => char.length === 1 && char.charCodeAt(0) >= 0xd800 && char.charCodeAt(0) <= 0xdfff;

/** C0 controls (U+0000 to U+001F) and DEL. */
export const isControl = (char: string) => char.charCodeAt(0) < 0x20 || char === '\u007f';

export type BrokenRule = 'length' | 'control' | 'unicode';

/**
 * The first rule of an edge text field that `text` breaks, in the order they are checked (length,
 * control characters, valid Unicode), or undefined when it satisfies them all. `allowed` are the
 * controls the field keeps (tab and line breaks for free text).
 */
export function brokenTextRule(text: string, max: number, allowed: readonly string[] = []): BrokenRule | undefined {
  const chars = characters(text);
  if (chars.length > max) return 'length';
  if (chars.some((char) => isControl(char) && !allowed.includes(char))) return 'control';
  if (chars.some(isLoneSurrogate)) return 'unicode';
  return undefined;
}

/** What a refusal for each broken rule says. */
export const refusalWording: Record<BrokenRule, (max: number) => RegExp> = {
  length: (max) => new RegExp(`must be at most ${max} characters`),
  control: () => /must not contain control characters/,
  unicode: () => /must be valid Unicode text/,
};
