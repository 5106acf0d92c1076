// A bad row fails alone (docs/CONNECTORS.md "CSV files"): in any mix of good and bad rows, every
// good row is read as written, every bad row is reported once on the line it starts on with its
// code, and no message quotes a value of the row other than its id.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvFile } from '../../../common/csv/files';
import { filledField, layout, readAs, writeCsv } from './rfc4180';

/** In every cell but the ids: a message that shows it leaks a person's data. */
const PRIVATE = '⟦private⟧';
const tooLongId = fc.integer({ min: 201, max: 400 }).map((length) => 'x'.repeat(length));
const withPrivate = filledField(6).map((value) => `${PRIVATE} ${value}`);

interface Expected {
  rows: unknown[];
  errors: { line: number; code: string; hrisId?: string }[];
}

function expectRead(file: { rows: unknown[]; errors: { line: number; code: string; hrisId?: string; message: string }[] }, expected: Expected) {
  expect(file.errors.map(({ line, code, hrisId }) => ({ line, code, ...(hrisId !== undefined && { hrisId }) }))).toEqual(expected.errors);
  expect(file.rows).toEqual(expected.rows);
  for (const { message } of file.errors) expect(message).not.toContain(PRIVATE);
}

describe('users.csv', () => {
  const flaw = fc.oneof({ arbitrary: fc.constant('none'), weight: 4 }, fc.constantFrom('no id', 'long id', 'duplicate id', 'bad email', 'bad date', 'bad status'));
  const email = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(\.[a-z0-9]{1,4})?@[a-z][a-z0-9]{0,6}\.example$/);
  const day = fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
  const row = fc.record({
    flaw,
    long: tooLongId,
    email,
    startDate: fc.oneof(day, day.map((date) => `${date}T09:30:00+10:00`)),
    status: fc.constantFrom('', 'active', 'Onboarding', 'TERMINATED', 'inactive'),
    displayName: withPrivate,
    badEmail: fc.constantFrom(`${PRIVATE}@`, `${PRIVATE} at acme.example`),
    badDate: fc.constantFrom(PRIVATE, '2024-02-30', '2023-13-01', '31/12/2024'),
    badStatus: fc.constantFrom(PRIVATE, 'terminatd', 'on leave'),
  });
  const file = fc.integer({ min: 1, max: 10 }).chain((count) => fc.tuple(fc.array(row, { minLength: count, maxLength: count }), fc.uniqueArray(filledField(6), { selector: readAs, minLength: count, maxLength: count })));

  it('keeps every other row as written and reports each bad row once, on its line', () => {
    fc.assert(
      fc.property(file, layout, ([rows, ids], layout) => {
        const idCell = (flaw: string, index: number, long: string) => (flaw === 'no id' ? ' ' : flaw === 'long id' ? long : flaw === 'duplicate id' && index > 0 ? ids[index - 1]! : ids[index]!);
        const cells = rows.map(({ flaw, long, ...row }, index) => [
          idCell(flaw, index, long),
          flaw === 'bad email' ? row.badEmail : row.email,
          flaw === 'bad date' ? row.badDate : row.startDate,
          flaw === 'bad status' ? row.badStatus : row.status,
          row.displayName,
        ]);
        const { bytes, lines } = writeCsv([['id', 'email', 'startDate', 'status', 'displayName'], ...cells], layout);
        // Ids by the documented rule, on what was written; the other flaws as generated.
        const expected: Expected = { rows: [], errors: [] };
        const firstLineOf = new Map<string, number>();
        cells.forEach(([id, email, startDate, status, displayName], index) => {
          const { flaw } = rows[index]!;
          const [line, hrisId] = [lines[index + 1]!, readAs(id!)];
          const report = (code: string) => expected.errors.push({ line, code, ...(hrisId !== undefined && { hrisId }) });
          if (hrisId === undefined || hrisId.length > 200) return report('bad_row');
          if (firstLineOf.has(hrisId)) return report('duplicate_id');
          firstLineOf.set(hrisId, line);
          if (flaw !== 'none' && !flaw.endsWith(' id')) report(flaw === 'bad email' ? 'bad_email' : 'bad_row');
          const person = { hrisId, workEmail: flaw === 'bad email' ? undefined : email, startDate: flaw === 'bad date' ? undefined : startDate!.slice(0, 10), displayName: readAs(displayName!) };
          expected.rows.push({ line, person, status: flaw === 'bad status' ? undefined : readAs(status!)?.toLowerCase() });
        });
        expectRead(parseCsvFile('users', bytes), expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('groups.csv', () => {
  const row = fc.record({ flaw: fc.oneof({ arbitrary: fc.constant('none'), weight: 4 }, fc.constantFrom('no id', 'long id', 'duplicate id', 'no name')), id: filledField(6), name: withPrivate, long: tooLongId });

  it('keeps every other group, names a group without a name by its id, and reports each bad row once', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), layout, (rows, layout) => {
        const expected: Expected = { rows: [], errors: [] };
        const idCell = (flaw: string, index: number, id: string, long: string) => (flaw === 'no id' ? '' : flaw === 'long id' ? long : flaw === 'duplicate id' && index > 0 ? rows[index - 1]!.id : id);
        const cells = rows.map(({ flaw, id, name, long }, index) => [idCell(flaw, index, id, long), flaw === 'no name' ? ' ' : name]);
        const { bytes, lines } = writeCsv([['ID', 'Name'], ...cells], layout);
        // Ids by the documented rule, on what was written: a generated id may repeat an earlier one too.
        const firstLineOf = new Map<string, number>();
        cells.forEach(([idCell, nameCell], index) => {
          const [line, id, name] = [lines[index + 1]!, readAs(idCell!), readAs(nameCell!)];
          if (id === undefined || id.length > 200) expected.errors.push({ line, code: 'bad_row' });
          else if (firstLineOf.has(id)) expected.errors.push({ line, code: 'duplicate_id' });
          else {
            firstLineOf.set(id, line);
            if (name === undefined) expected.errors.push({ line, code: 'bad_row' });
            expected.rows.push({ line, id, name: name ?? id });
          }
        });
        expectRead(parseCsvFile('groups', bytes), expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('group-mappings.csv', () => {
  const id = fc.oneof({ arbitrary: filledField(6), weight: 6 }, fc.constant(''), tooLongId);
  const flag = fc.constantFrom('', 'true', 'TRUE', ' Yes ', 'y', '1', 'false', 'No', 'n', '0', 'maybe', PRIVATE);
  const subgroup = fc.tuple(id, id).map(([group, sub]) => [group, sub, '', '', '']);
  const person = fc.tuple(id, id, flag, flag).map(([group, user, manager, member]) => [group, '', user, manager, member]);
  const anything = fc.tuple(id, id, id, flag, flag);
  const row = fc.oneof({ arbitrary: subgroup, weight: 2 }, { arbitrary: person, weight: 3 }, anything);
  // A file of blank rows only is refused whole (see refusals.property.test.ts).
  const rows = fc.array(row, { minLength: 1, maxLength: 10 }).filter((rows) => rows.some((cells) => cells.some((cell) => readAs(cell) !== undefined)));

  /** The documented rule for one row, written independently: a mapping, or why it fails. */
  function mappingOf(cells: string[]): { mapping: object } | { refused: true } {
    const [groupId, subgroupId, userId, manager, member] = cells.map(readAs);
    const bad = (value: string | undefined) => value !== undefined && value.length > 200;
    if (groupId === undefined || bad(groupId) || bad(subgroupId) || bad(userId) || (subgroupId === undefined) === (userId === undefined)) return { refused: true };
    if (subgroupId !== undefined) return { mapping: { groupId, subgroupId } };
    const truth = (value: string | undefined) => (value === undefined ? undefined : ['true', 'yes', 'y', '1'].includes(value.toLowerCase()) ? true : ['false', 'no', 'n', '0'].includes(value.toLowerCase()) ? false : 'invalid');
    const [isManager, isMember] = [truth(manager), truth(member)];
    if (isManager === 'invalid' || isMember === 'invalid') return { refused: true };
    // With neither flag, a plain member; a mapping that makes the person neither is refused.
    const mapping = { groupId, userId, isManager: isManager === true, isMember: isMember ?? isManager !== true };
    return mapping.isManager || mapping.isMember ? { mapping } : { refused: true };
  }

  it('keeps every other mapping and reports each bad row once, naming its person', () => {
    fc.assert(
      fc.property(rows, layout, (rows, layout) => {
        const { bytes, lines } = writeCsv([['groupId', 'subgroupId', 'userId', 'isManager', 'isMember'], ...rows], layout);
        const expected: Expected = { rows: [], errors: [] };
        rows.forEach((cells, index) => {
          const line = lines[index + 1]!;
          // A row of empty cells is a blank line.
          if (cells.every((cell) => readAs(cell) === undefined)) return;
          const read = mappingOf(cells);
          const userId = readAs(cells[2]!);
          if ('mapping' in read) expected.rows.push({ line, ...read.mapping });
          else expected.errors.push({ line, code: 'bad_row', ...(userId !== undefined && { hrisId: userId }) });
        });
        expectRead(parseCsvFile('group-mappings', bytes), expected);
      }),
      { numRuns: 500 },
    );
  });
});
