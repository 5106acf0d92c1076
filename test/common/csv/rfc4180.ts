// An RFC 4180 writer for the CSV property tests, independent of the parser, and the arbitraries it
// writes: fields with commas, quotes and line breaks, a BOM or not, CRLF, LF or CR line ends.
import fc from 'fast-check';

export interface Layout {
  bom: boolean;
  lineEnd: '\r\n' | '\n' | '\r';
  /** Whether the last row ends with a line end too. */
  finalLineEnd: boolean;
  /** Quote every field, as some exporters do, or only those that need it. */
  quoteAll: boolean;
  /** Blank lines written before each row (cycled). */
  blankLines: number[];
}

export interface Written {
  bytes: Uint8Array;
  /** The 1-based line each row starts on, as an editor counts them. */
  lines: number[];
}

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

export function writeCsv(rows: readonly (readonly string[])[], layout: Layout): Written {
  const field = (value: string) => (layout.quoteAll || /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  let text = layout.bom ? '\ufeff' : '';
  let line = 1;
  const lines: number[] = [];
  rows.forEach((row, index) => {
    const blanks = layout.blankLines.length === 0 ? 0 : layout.blankLines[index % layout.blankLines.length]!;
    text += layout.lineEnd.repeat(blanks);
    line += blanks;
    lines.push(line);
    text += row.map(field).join(',');
    // Counted field by field: a CR ending one field and a LF starting the next are two line ends.
    line += row.reduce((count, value) => count + lineBreaks(value), 0);
    if (index < rows.length - 1 || layout.finalLineEnd) {
      text += layout.lineEnd;
      line += 1;
    }
  });
  return { bytes: new TextEncoder().encode(text), lines };
}

/** A field as the parser documents reading it: line ends as \n, trimmed, and empty as missing. */
export const readAs = (field: string): string | undefined => field.replace(/\r\n?/g, '\n').trim() || undefined;

export const layout: fc.Arbitrary<Layout> = fc.record({
  bom: fc.boolean(),
  lineEnd: fc.constantFrom('\r\n', '\n', '\r'),
  finalLineEnd: fc.boolean(),
  quoteAll: fc.boolean(),
  blankLines: fc.array(fc.nat(2), { maxLength: 3 }),
});

/** What makes CSV hard, and text in any script; never NUL, which refuses the file. */
const fieldUnit = fc.oneof(
  { arbitrary: fc.constantFrom(',', '"', '""', '\r', '\n', '\r\n', ' ', '\t', '\ufeff', '\u00a0', '\u2028', ';', "'"), weight: 3 },
  { arbitrary: fc.constantFrom('a', 'Z', '7', 'é', 'ñ', '美咲', 'Ωμέγα', '😀', 'x y'), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => char !== '\0'), weight: 1 },
);

export const csvField = (maxLength = 8) => fc.string({ unit: fieldUnit, maxLength });

/** A value that reads as something: not blank once trimmed. */
export const filledField = (maxLength = 8) => csvField(maxLength).filter((value) => readAs(value) !== undefined);

/** Rows of `columns` fields each (any of them may be blank), the first being the header. */
export const table = fc.integer({ min: 1, max: 5 }).chain((columns) => fc.array(fc.array(csvField(), { minLength: columns, maxLength: columns }), { minLength: 1, maxLength: 8 }));
