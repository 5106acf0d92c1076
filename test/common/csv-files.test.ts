// Parsing the three uploaded CSV files (docs/CONNECTORS.md "CSV files"): every tricky input a real
// export has, every row error with the line its record starts on, and every file refused whole.
import { describe, expect, it } from 'vitest';
import { CsvFileRefused, parseCsvFile, type CsvFileKind, type ParseOptions } from '../../common/csv/files';

const parse = <K extends CsvFileKind>(kind: K, text: string, options?: ParseOptions) => parseCsvFile(kind, new TextEncoder().encode(text), options);
const users = (text: string, options?: ParseOptions) => parse('users', text, options);

function refusal(kind: CsvFileKind, body: string | Uint8Array, options?: ParseOptions): CsvFileRefused {
  try {
    parseCsvFile(kind, typeof body === 'string' ? new TextEncoder().encode(body) : body, options);
  } catch (error) {
    if (error instanceof CsvFileRefused) return error;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('users.csv', () => {
  it('reads a file with a BOM and CRLF line ends, headers in any case and spelling', () => {
    const file = users('\ufeffID,E-Mail,First Name,last_name,EmployeeCode,Title,Department,Manager ID\r\np1,ada@acme.example,Ada,Lovelace,E1,Engineer,Engineering,p2\r\np2,alan@acme.example,Alan,Turing,E2,Lead,Engineering,\r\n');
    expect(file).toMatchObject({ records: 2, errors: [] });
    expect(file.rows).toEqual([
      { line: 2, person: { hrisId: 'p1', workEmail: 'ada@acme.example', firstName: 'Ada', lastName: 'Lovelace', employeeCode: 'E1', position: 'Engineer', department: 'Engineering', managerHrisId: 'p2' } },
      { line: 3, person: { hrisId: 'p2', workEmail: 'alan@acme.example', firstName: 'Alan', lastName: 'Turing', employeeCode: 'E2', position: 'Lead', department: 'Engineering' } },
    ]);
    expect(file.columns).toEqual(['hrisId', 'workEmail', 'firstName', 'lastName', 'employeeCode', 'position', 'department', 'managerHrisId']);
  });

  it('keeps quoted commas, quotes and newlines in values, and numbers later rows by the lines they start on', () => {
    const file = users('id,displayName,location\n1,"Smith, Jr., John","Level 3\nNorth Tower"\n\n2,"Line one\r\nline two\r\nline three",Sydney\n3,"Say ""hi""",Perth\n4,O"Brien , "Hobart" \n');
    expect(file.errors).toEqual([]);
    expect(file.rows.map(({ line, person }) => [line, person.displayName, person.location])).toEqual([
      [2, 'Smith, Jr., John', 'Level 3\nNorth Tower'],
      [5, 'Line one\nline two\nline three', 'Sydney'],
      [8, 'Say "hi"', 'Perth'],
      [9, 'O"Brien', 'Hobart'],
    ]);
  });

  it('keeps non-ASCII names exactly: ñ, í, ü and CJK', () => {
    const file = users('id,firstName,lastName,department\n1,Íñigo,Muñoz,Ventas\n2,Jürgen,Müller,Vertrieb\n3,美咲,佐藤,営業\n4,伟,王,销售\n');
    expect(file.rows.map(({ person }) => `${person.firstName} ${person.lastName} (${person.department})`)).toEqual(['Íñigo Muñoz (Ventas)', 'Jürgen Müller (Vertrieb)', '美咲 佐藤 (営業)', '伟 王 (销售)']);
  });

  it('reads lone CR line ends (old spreadsheet exports) with the right lines', () => {
    const file = users('id,email\r1,a@acme.example\r1,b@acme.example\r');
    expect(file.errors).toEqual([expect.objectContaining({ line: 3, code: 'duplicate_id' })]);
  });

  it('keeps every other column as custom.<column>, named as a mapping can name it', () => {
    const file = users('id,Cost Centre,Langue préférée,language,部门\n1,CC-7,Français,fr,営業\n');
    expect(file.rows[0]!.person.custom).toEqual({ cost_centre: 'CC-7', langue_preferee: 'Français', language: 'fr', column_5: '営業' });
    expect(file.columns).toEqual(['hrisId', 'custom.cost_centre', 'custom.langue_preferee', 'custom.language', 'custom.column_5']);
  });

  it('reads status, dates and tags, and leaves empty cells out', () => {
    const file = users('id,status,startDate,endDate,tags\n1,Active,2024-02-01,,remote; ; sales\n2,TERMINATED,2020-01-01,2024-03-01T17:00:00Z,\n3,,,,\n');
    expect(file.rows).toEqual([
      { line: 2, status: 'active', person: { hrisId: '1', startDate: '2024-02-01', tags: ['remote', 'sales'] } },
      { line: 3, status: 'terminated', person: { hrisId: '2', startDate: '2020-01-01', endDate: '2024-03-01' } },
      { line: 4, person: { hrisId: '3' } },
    ]);
  });

  it('reports a row without an id, and skips it', () => {
    const file = users('id,email\n,nobody@acme.example\n2,two@acme.example\n');
    expect(file.rows.map(({ person }) => person.hrisId)).toEqual(['2']);
    expect(file.errors).toEqual([{ file: 'users.csv', line: 2, code: 'bad_row', message: 'The row has no id: it is skipped.' }]);
  });

  it('reports a duplicate id with both lines: the first row is the person, the later one is skipped', () => {
    const file = users('id,email\n7,first@acme.example\n8,other@acme.example\n"7","second\n@acme.example"\n');
    expect(file.rows.map(({ line, person }) => [line, person.workEmail])).toEqual([[2, 'first@acme.example'], [3, 'other@acme.example']]);
    expect(file.errors).toEqual([{ file: 'users.csv', line: 4, hrisId: '7', code: 'duplicate_id', message: "The id '7' is already on line 2: this row is skipped." }]);
  });

  it('keeps a person whose e-mail is not an address, without it, and reports the row without quoting the address', () => {
    const file = users('id,email,personalEmail,firstName\n1,jane.doe@acme,jane@home.example,Jane\n2,ok@acme.example,not an address,Joe\n');
    expect(file.rows).toEqual([
      { line: 2, person: { hrisId: '1', personalEmail: 'jane@home.example', firstName: 'Jane' } },
      { line: 3, person: { hrisId: '2', workEmail: 'ok@acme.example', firstName: 'Joe' } },
    ]);
    expect(file.errors).toEqual([
      { file: 'users.csv', line: 2, hrisId: '1', code: 'bad_email', message: 'workEmail is not an e-mail address: the person is kept without it.' },
      { file: 'users.csv', line: 3, hrisId: '2', code: 'bad_email', message: 'personalEmail is not an e-mail address: the person is kept without it.' },
    ]);
    expect(JSON.stringify(file.errors)).not.toMatch(/jane\.doe|not an address/);
  });

  it('reads an unknown status as none and a date that is no day as missing, reporting both', () => {
    const file = users('id,status,startDate\n1,terminatd,2024-02-30\n');
    expect(file.rows).toEqual([{ line: 2, person: { hrisId: '1' } }]);
    expect(file.errors.map(({ line, code, message }) => [line, code, message])).toEqual([
      [2, 'bad_row', 'startDate is not a date (YYYY-MM-DD): the person is kept without it.'],
      [2, 'bad_row', 'status is not one of active, onboarding, terminated, inactive: it is read as empty.'],
    ]);
  });

  it('skips an id longer than Roster can keep', () => {
    const file = users(`id\n${'x'.repeat(201)}\nok\n`);
    expect(file.rows.map(({ person }) => person.hrisId)).toEqual(['ok']);
    expect(file.errors).toEqual([expect.objectContaining({ line: 2, code: 'bad_row', message: 'The id is longer than 200 characters: the row is skipped.' })]);
  });
});

describe('groups.csv', () => {
  it('reads ids and names, reporting duplicate and missing ids; a group without a name is named by its id', () => {
    const file = parse('groups', '\ufeffID,Name\r\nsales,Ventas y Márketing\r\neng,"Engineering, Platform"\r\nsales,Sales again\r\n,No id\r\nops,\r\n');
    expect(file.rows).toEqual([
      { line: 2, id: 'sales', name: 'Ventas y Márketing' },
      { line: 3, id: 'eng', name: 'Engineering, Platform' },
      { line: 6, id: 'ops', name: 'ops' },
    ]);
    expect(file.errors).toEqual([
      { file: 'groups.csv', line: 4, code: 'duplicate_id', message: "The group id 'sales' is already on line 2: this row is skipped." },
      { file: 'groups.csv', line: 5, code: 'bad_row', message: 'The row has no id: the group is skipped.' },
      { file: 'groups.csv', line: 6, code: 'bad_row', message: "The group 'ops' has no name: it is named by its id." },
    ]);
  });
});

describe('group-mappings.csv', () => {
  it('reads sub-groups, managers and members, with true/false in the usual spellings', () => {
    const file = parse('group-mappings', 'groupId,subgroupId,userId,isManager,isMember\ng1,g2,,,\ng1,,u1,True,False\ng2,,u2,no,yes\ng2,,u3,,\ng2,,u4,1,1\ng2,,u5,Y,\n');
    expect(file.errors).toEqual([]);
    expect(file.rows).toEqual([
      { line: 2, groupId: 'g1', subgroupId: 'g2' },
      { line: 3, groupId: 'g1', userId: 'u1', isManager: true, isMember: false },
      { line: 4, groupId: 'g2', userId: 'u2', isManager: false, isMember: true },
      { line: 5, groupId: 'g2', userId: 'u3', isManager: false, isMember: true },
      { line: 6, groupId: 'g2', userId: 'u4', isManager: true, isMember: true },
      { line: 7, groupId: 'g2', userId: 'u5', isManager: true, isMember: false },
    ]);
  });

  it('reports rows that map nothing, or both, or say neither manager nor member', () => {
    const file = parse('group-mappings', 'groupId,subgroupId,userId,isManager,isMember\n,g2,,,\ng1,g2,u1,,\ng1,,,,\ng1,,u2,maybe,\ng1,,u3,false,false\n');
    expect(file.rows).toEqual([]);
    expect(file.errors.map(({ line, code, hrisId, message }) => [line, code, hrisId, message])).toEqual([
      [2, 'bad_row', undefined, 'The row has no groupId: the row is skipped.'],
      [3, 'bad_row', 'u1', 'The row needs either a subgroupId or a userId, not both or neither: it is skipped.'],
      [4, 'bad_row', undefined, 'The row needs either a subgroupId or a userId, not both or neither: it is skipped.'],
      [5, 'bad_row', 'u2', 'isManager and isMember take true or false (also yes/no, 1/0): the row is skipped.'],
      [6, 'bad_row', 'u3', 'The row makes the person neither a manager nor a member of the group: it is skipped.'],
    ]);
  });
});

describe('a file refused whole', () => {
  it.each([
    ['an empty body', ''],
    ['a BOM alone', '\ufeff'],
    ['a header without rows', 'id,email\r\n'],
    ['blank lines and empty cells below the header', 'id,email\n\n,\n\r\n'],
  ])('%s is empty_file: it would remove everyone', (_name, body) => {
    expect(refusal('users', body)).toMatchObject({ code: 'empty_file', message: expect.stringContaining('users.csv has no rows below its header') });
  });

  it('a row with more or fewer values than the header, naming the lines', () => {
    const refused = refusal('users', 'id,displayName\n1,Smith, John\n2,Ok\n3\n');
    expect(refused.code).toBe('invalid_csv');
    expect(refused.message).toContain("than its header's 2 (line 2, 4)");
    expect(refused.message).not.toContain('Smith');
  });

  it('an unclosed quote or text after a closing quote, by line and without quoting the file', () => {
    expect(refusal('groups', 'id,name\ng1,"Sales\ng2,Eng\n').message).toContain('a quoted value is never closed');
    const stray = refusal('groups', 'id,name\ng1,ok\ng2,"Sales" team\n');
    expect(stray).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('a closing quote on line 3 is followed by more text') });
    expect(stray.message).not.toContain('team');
  });

  it('a file that is not UTF-8', () => {
    const latin1 = Uint8Array.from([...Buffer.from('id,firstName\n1,Mu'), 0xf1, ...Buffer.from('oz\n')]);
    expect(refusal('users', latin1)).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('not UTF-8') });
  });

  it('a file with a NUL character, as a UTF-16 export has (Postgres cannot store one)', () => {
    const utf16 = Buffer.from('id,firstName\n1,Ada\n', 'utf16le');
    expect(refusal('users', utf16)).toMatchObject({ code: 'invalid_csv', message: expect.stringContaining('not UTF-8') });
    expect(refusal('users', 'id,firstName\n1,Ada\0\n')).toMatchObject({ code: 'invalid_csv' });
  });

  it('a file without a column it cannot do without', () => {
    expect(refusal('users', 'email\na@acme.example\n').message).toContain('users.csv has no id column');
    expect(refusal('users', 'id,firstName\n1,Ada\n', { identityKey: 'workEmail' }).message).toContain("has no email column: the tenant's identity key (workEmail) is read from it");
    expect(users('id,employee_code\n1,E1\n', { identityKey: 'employeeCode' }).rows).toHaveLength(1);
    expect(refusal('groups', 'id\ng1\n').message).toContain('groups.csv has no name column');
    expect(refusal('group-mappings', 'groupId,isManager\ng1,true\n').message).toContain('neither a subgroupId nor a userId column');
  });

  it('two columns for one field', () => {
    expect(refusal('users', 'id,Email,work_email\n1,a@acme.example,b@acme.example\n').message).toContain('two columns for workEmail (columns 2 and 3)');
  });
});
