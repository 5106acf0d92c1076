// Any table an RFC 4180 writer makes (test/common/csv/rfc4180.ts: quoted commas, quotes and line
// breaks, a BOM or not, CRLF, LF or CR line ends, blank lines) reads back as written: the same
// values, each record with the line it starts on, and users.csv the same people.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvFile } from '../../../common/csv/files';
import { CsvFileRefused, decodeUtf8, readTable } from '../../../common/csv/records';
import { csvField, filledField, layout, readAs, table, writeCsv } from './rfc4180';

/** What reading gives: the result, or the refusal of the whole file. */
function outcome<T>(read: () => T): T | CsvFileRefused {
  try {
    return read();
  } catch (error) {
    if (error instanceof CsvFileRefused) return error;
    throw error;
  }
}

describe('a CSV table', () => {
  it('reads back every value of every non-blank record, with the line the record starts on', () => {
    fc.assert(
      fc.property(table, layout, (rows, layout) => {
        const { bytes, lines } = writeCsv(rows, layout);
        const expected = rows.map((row, index) => ({ line: lines[index]!, values: row.map(readAs) })).filter(({ values }) => values.some((value) => value !== undefined));
        const read = outcome(() => readTable(decodeUtf8(bytes, 'test.csv'), 'test.csv'));
        if (expected.length < 2) {
          // A header alone (or nothing at all) would remove everyone.
          expect(read).toBeInstanceOf(CsvFileRefused);
          expect((read as CsvFileRefused).code).toBe('empty_file');
          return;
        }
        const [header, ...records] = expected;
        expect(read).toEqual({ header: header!.values.map((value) => value ?? ''), records });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('users.csv', () => {
  const person = fc.record({ id: filledField(12), displayName: csvField(), department: csvField(), costCentre: csvField() });
  const people = fc.uniqueArray(person, { selector: ({ id }) => readAs(id), minLength: 1, maxLength: 8 });

  it('gives each person the values of their row, other columns as custom.<column>, and reports nothing', () => {
    fc.assert(
      fc.property(people, layout, (people, layout) => {
        const rows = [['id', 'Display Name', 'department', 'Cost Centre'], ...people.map(({ id, displayName, department, costCentre }) => [id, displayName, department, costCentre])];
        const { bytes, lines } = writeCsv(rows, layout);
        const file = parseCsvFile('users', bytes);
        expect(file.errors).toEqual([]);
        expect(file.records).toBe(people.length);
        expect(file.rows).toEqual(
          people.map(({ id, displayName, department, costCentre }, index) => ({
            line: lines[index + 1],
            person: { hrisId: readAs(id), displayName: readAs(displayName), department: readAs(department), ...(readAs(costCentre) && { custom: { cost_centre: readAs(costCentre) } }) },
          })),
        );
      }),
      { numRuns: 500 },
    );
  });
});
