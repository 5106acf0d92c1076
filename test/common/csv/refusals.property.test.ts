// Whatever bytes are uploaded, parsing a CSV file ends, quickly, in rows and row errors or in its
// one documented refusal (CsvFileRefused, `empty_file` or `invalid_csv`), whose message never
// quotes the file: nothing else is ever thrown, so an upload is never a 500.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvFileRefused, csvFileKinds, parseCsvFile, type CsvFileKind, type ParseOptions } from '../../../common/csv/files';

/** Text no message of Roster's contains: a refusal showing it quotes the file. */
const PRIVATE = '⟦private⟧';

const required: Record<CsvFileKind, string[]> = { users: ['id'], groups: ['id', 'name'], 'group-mappings': ['groupId', 'subgroupId', 'userId'] };
const columns = ['id', 'ID', 'email', 'First Name', 'employee_code', 'status', 'startDate', 'tags', 'name', 'groupId', 'subgroupId', 'userId', 'isManager', 'isMember', 'Cost Centre'];
const values = ['1', '2', 'a', 'Ω', 'true', 'no', 'active', 'a@acme.example', '2024-02-30', '2024-01-01T09:00:00Z', 'g1', 'u1', PRIVATE];
/** What makes CSV hard, written raw: a cell of these may split, shift or run into the next. */
const piece = fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', '\ufeff', ';', '_', '-', '\u0301', '\u0001', ...values);
const cell = fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 8 }, fc.constant(''), fc.string({ unit: piece, maxLength: 4 }));

/** A file as a script might botch it: often the kind's columns and rows as wide as the header, not always. */
const csvLike = fc.constantFrom(...csvFileKinds).chain((kind) =>
  fc
    .tuple(fc.boolean(), fc.array(fc.oneof({ arbitrary: fc.constantFrom(...columns), weight: 4 }, cell), { maxLength: 4 }))
    .map(([withRequired, extra]) => (withRequired ? [...required[kind], ...extra] : extra))
    .filter((header) => header.length > 0)
    .chain((header) => {
      const row = fc.oneof({ arbitrary: fc.array(cell, { minLength: header.length, maxLength: header.length }), weight: 19 }, fc.array(cell, { maxLength: 7 }));
      return fc
        .tuple(fc.boolean(), fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
        .map(([bom, rows, end]): [CsvFileKind, Uint8Array] => [kind, new TextEncoder().encode(`${bom ? '\ufeff' : ''}${[header, ...rows].map((cells) => cells.join(',')).join(end)}`)]);
    }),
);
const kind = fc.constantFrom(...csvFileKinds);
const anyBytes = fc.tuple(kind, fc.uint8Array({ maxLength: 2000 }));
const bomThenBytes = anyBytes.map(([kind, bytes]): [CsvFileKind, Uint8Array] => [kind, Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes])]);
const options = fc.constantFrom<ParseOptions>({}, { identityKey: 'workEmail' }, { identityKey: 'employeeCode' }, { identityKey: 'hrisId' });

/** The refusal a parse ended in, or undefined when it gave rows; anything else thrown fails the property. */
function refusalOf(kind: CsvFileKind, bytes: Uint8Array, options: ParseOptions): CsvFileRefused | undefined {
  try {
    const file = parseCsvFile(kind, bytes, options);
    // A file read is one with rows below its header; every line it names is one of them.
    const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/).length;
    expect(file.records).toBeGreaterThan(0);
    for (const { line } of [...file.rows, ...file.errors]) expect([line >= 2, line <= lines]).toEqual([true, true]);
    return undefined;
  } catch (error) {
    if (error instanceof CsvFileRefused) return error;
    throw error;
  }
}

describe('any upload', () => {
  it.each([
    ['arbitrary bytes', anyBytes],
    ['a BOM and arbitrary bytes', bomThenBytes],
    ['text made of CSV pieces', csvLike],
  ])('%s: rows, or a refusal with a documented code that does not quote the file', (_name, upload) => {
    fc.assert(
      fc.property(upload, options, ([kind, bytes], options) => {
        const refused = refusalOf(kind, bytes, options);
        if (!refused) return;
        expect(['empty_file', 'invalid_csv']).toContain(refused.code);
        expect(refused.message.startsWith(`${kind}.csv `)).toBe(true);
        expect(refused.message).not.toContain(PRIVATE);
      }),
      { numRuns: 1000 },
    );
  });

  // A file is up to 50 MB and parsed on the API's event loop: a cost that grows faster than its
  // size blocks every other request. A long run of one piece stresses regular expressions most.
  const runPiece = fc.constantFrom('_', '_ ', '-', ' ', 'a', 'é', '\u0301', '"', ',', ';', '1', ':');
  const longRun = fc
    .tuple(fc.string({ unit: runPiece, minLength: 1, maxLength: 3 }), runPiece, fc.integer({ min: 30_000, max: 60_000 }), fc.string({ unit: runPiece, minLength: 1, maxLength: 3 }))
    .map(([before, repeated, times, after]) => `"${`${before}${repeated.repeat(times)}${after}`.replaceAll('"', '""')}"`);
  const withinASecond = (kind: CsvFileKind, text: string) => {
    const started = performance.now();
    refusalOf(kind, new TextEncoder().encode(text), {});
    expect(performance.now() - started).toBeLessThan(1000);
  };

  it('users.csv: a header holding a long run of one piece is read within a second, whatever it makes of the column', () => {
    fc.assert(
      fc.property(longRun, (cell) => withinASecond('users', `id,${cell}\n1,x\n`)),
      { numRuns: 100 },
    );
  });

  // The counterexample the property above found: naming the custom column took seconds.
  it('users.csv: a header of a letter, 50,000 underscores and a letter is read within a second, as custom.a_…_x', () => {
    const header = `a${'_'.repeat(50_000)}x`;
    withinASecond('users', `id,${header}\n1,x\n`);
    expect(parseCsvFile('users', new TextEncoder().encode(`id,${header}\n1,x\n`)).columns).toEqual(['hrisId', `custom.${header}`]);
  });

  it('a value holding a long run of one piece is read within a second, in any column', () => {
    fc.assert(
      fc.property(kind, longRun, (kind, cell) => withinASecond(kind, `id,name,groupId,userId,isManager,startDate,tags,email\n1,${cell},g,${cell},${cell},${cell},${cell},${cell}\n`)),
      { numRuns: 30 },
    );
  });
});
