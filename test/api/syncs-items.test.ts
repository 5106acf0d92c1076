// A sync run's items over HTTP on the real stack, from the runs seeded as the run's activities write
// them (syncs-seed.ts): paged, filtered and searched, and downloaded whole as CSV files.
import { describe, expect, it } from 'vitest';
import { errorsCsvHeader, itemsCsvHeader } from '../../common/sync-files';
import { itemActions } from '../../common/sync-run';
import { appliedItems, download, engineering, expectInvalid, fillers, formulaName, get, ids, jane, newhire, quotedName, useSeededRuns } from './syncs-seed';

useSeededRuns();

/** RFC 4180, enough for the files under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\r')) cell += c;
    else {
      row.push(cell);
      cell = '';
      // A record ends at CRLF.
      if (c === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  return rows;
}

async function allPages(path: string) {
  const seen: any[] = [];
  let cursor = '';
  let pages = 0;
  do {
    const answer = await get(`${path}${path.includes('?') ? '&' : '?'}cursor=${cursor}`);
    expect(answer.status).toBe(200);
    seen.push(...answer.body.items);
    cursor = answer.body.nextCursor ?? '';
    pages += 1;
  } while (cursor);
  return { items: seen, pages };
}

describe('GET /api/syncs/:syncId/items', () => {
  const items = (query = '') => get(`/api/syncs/${ids.apply()}/items${query}`);
  const hrisIds = (answer: { body: { items: { hrisId: string }[] } }) => answer.body.items.map((i) => i.hrisId);

  it('lists the person items in seq order, with their outcome', async () => {
    const answer = await items();
    expect(answer.status).toBe(200);
    expect(answer.body.nextCursor).toBeNull();
    expect(hrisIds(answer)).toEqual(appliedItems(ids.apply()).map((a) => a.item.hrisId));
    const byId = new Map(answer.body.items.map((i: { hrisId: string }) => [i.hrisId, i]));
    expect(byId.get('hr-jane')).toEqual({ hrisId: 'hr-jane', name: 'Jane Smith', identityKey: 'jane.smith@acme.example', kind: 'account', action: 'update', changes: jane.changes, result: 'done' });
    expect(byId.get('hr-nokey')).toEqual({ hrisId: 'hr-nokey', name: quotedName, identityKey: null, kind: 'account', action: 'skip', changes: null, result: 'done', reasonCode: 'missing_identity_key', reason: 'They have no work e-mail, the identity key.' });
    expect(byId.get('hr_formula')).toMatchObject({ result: 'failed', reasonCode: 'invalid_value', reason: 'The platform refused the display name.' });
    // A failed item keeps the reason it was planned for.
    expect(byId.get('hr-gone')).toMatchObject({ result: 'failed', reasonCode: 'missing_from_directory', reason: 'No longer in the directory.' });
    expect(byId.get('hr-new')).toMatchObject({ action: 'create', changes: null, fields: newhire.fields, warnings: newhire.warnings });
    expect(byId.get('hr-back')).toMatchObject({ name: '李小龙', changes: { active: { from: false, to: true } } });
  });

  it('filters by action, and shows the manager pass and groups by kind', async () => {
    expect(hrisIds(await items('?action=deactivate'))).toEqual(['hr-left', 'hr-gone']);
    expect(hrisIds(await items('?action=skip'))).toEqual(['hr-nokey']);
    expect((await items('?action=unchanged')).body.items).toHaveLength(31);
    expect((await items('?kind=manager')).body.items).toEqual([expect.objectContaining({ hrisId: 'hr-new', kind: 'manager', action: 'update', changes: { managerHrisId: 'hr-jane' } })]);
    const groups = await items('?kind=group&action=create');
    expect(groups.body.items).toEqual([{ hrisId: null, name: 'Engineering', identityKey: 'department:engineering', kind: 'group', action: 'create', changes: { add: engineering.add, remove: [] }, result: 'done' }]);
    expect((await items('?kind=group&action=delete')).body.items).toEqual([]);
  });

  it('searches name, identity key and HRIS id case-insensitively, wildcards taken literally', async () => {
    expect(hrisIds(await items('?q=jane'))).toEqual(['hr-jane', 'hr-nokey']);
    expect(hrisIds(await items('?q=mary.MAJOR'))).toEqual(['hr-same']);
    expect(hrisIds(await items('?q=HR-BAC'))).toEqual(['hr-back']);
    expect(hrisIds(await items(`?q=${encodeURIComponent('李小')}`))).toEqual(['hr-back']);
    expect(hrisIds(await items(`?q=${encodeURIComponent('ÅNGSTRÖM')}`))).toEqual(['hr-left']);
    expect(hrisIds(await items('?q=_'))).toEqual(['hr_formula']);
    expect(hrisIds(await items('?q=%25'))).toEqual([]);
    expect(hrisIds(await items('?q=filler&action=unchanged&limit=3'))).toEqual(['hr-f001', 'hr-f002', 'hr-f003']);
    expect(hrisIds(await items('?q=jane&action=skip'))).toEqual(['hr-nokey']);
  });

  it('pages with an opaque cursor, with no duplicates or gaps', async () => {
    const all = hrisIds(await items('?limit=500'));
    const paged = await allPages(`/api/syncs/${ids.apply()}/items?limit=7`);
    expect(paged.pages).toBe(6);
    expect(paged.items.map((i) => i.hrisId)).toEqual(all);

    const first = await items('?limit=7');
    expect(first.body.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const filtered = await allPages(`/api/syncs/${ids.apply()}/items?action=unchanged&q=filler&limit=4`);
    expect(filtered.items.map((i) => i.hrisId)).toEqual(fillers.map((f) => f.hrisId));
    expect(filtered.pages).toBe(8);

    const big = await allPages(`/api/syncs/${ids.big()}/items?limit=500`);
    expect(big.pages).toBe(9);
    expect(new Set(big.items.map((i) => i.hrisId)).size).toBe(4500);
    expect(big.items.at(-1).hrisId).toBe('big-04499');
  });

  it('answers 400 naming each bad parameter', async () => {
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const bad: [string, ...string[]][] = [
      ['?action=bogus', 'action'],
      ['?action=empty', 'action'],
      ['?kind=group&action=skip', 'action'],
      ['?kind=person', 'kind'],
      ['?action=create&action=update', 'action'],
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=lots', 'limit'],
      ['?cursor=!!!', 'cursor'],
      ['?cursor=bm90LWpzb24', 'cursor'],
      [`?cursor=${cursorOf({ after: -5 })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: 2 ** 40 })}`, 'cursor'],
      [`?cursor=${cursorOf({ after: '3' })}`, 'cursor'],
      ['?q=%00', 'q'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?action=bogus&limit=0&cursor=zz', 'action', 'limit', 'cursor'],
    ];
    for (const [query, ...paths] of bad) expectInvalid(await items(query), ...paths);
    const message = (await items('?action=bogus')).body.error.details[0].message;
    expect(message).toBe(`must be one of: ${itemActions.join(', ')}`);
  });
});

describe('the CSV files', () => {
  it('items.csv: every item of the run in seq order, quoted and safe to open in a spreadsheet', async () => {
    const file = await download(`/api/syncs/${ids.apply()}/items.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename="${ids.apply()}-items.csv"`);
    const [header, ...rows] = parseCsv(file.text);
    expect(header).toEqual(itemsCsvHeader);
    const applied = appliedItems(ids.apply());
    expect(rows.map((r) => r[0])).toEqual([...applied.map((a) => a.item.hrisId), 'hr-new', '']);
    expect(rows.map((r) => r[3])).toEqual([...applied.map(() => 'account'), 'manager', 'group']);
    const row = (hrisId: string) => rows.find((r) => r[0] === hrisId)!;
    expect(row('hr-nokey')[2]).toBe(quotedName);
    expect(file.text).toContain('"Jane ""JJ"" Doe, Jr.\nNight shift"');
    expect(row('hr_formula')[2]).toBe(`'${formulaName}`);
    expect(row('hr_formula')[6]).toBe('failed: invalid_value');
    expect(row('hr-back')[2]).toBe('李小龙');
    expect(JSON.parse(row('hr-jane')[5]!)).toEqual(jane.changes);
    expect(row('hr-new')[9]).toBe('manager_not_found');
  });

  it('errors.csv: only the skipped and failed records, with the reason for each', async () => {
    const file = await download(`/api/syncs/${ids.apply()}/errors.csv`);
    expect(file.status).toBe(200);
    expect(file.type).toBe('text/csv; charset=utf-8');
    expect(file.disposition).toBe(`attachment; filename="${ids.apply()}-errors.csv"`);
    expect(parseCsv(file.text)).toEqual([
      errorsCsvHeader,
      ['hr-nokey', '', quotedName, 'skip', 'skipped', 'missing_identity_key', 'They have no work e-mail, the identity key.', ''],
      ['hr_formula', 'formula@acme.example', `'${formulaName}`, 'update', 'failed', 'invalid_value', 'The platform refused the display name.', ''],
      ['hr-gone', 'gone@acme.example', 'Gone Person', 'deactivate', 'failed', 'not_found', 'The account no longer exists.', ''],
    ]);
  });

  it('gives a dry run both files, and a run without items just the header', async () => {
    const errors = parseCsv((await download(`/api/syncs/${ids.dry()}/errors.csv`)).text);
    expect(errors.map((r) => r[0])).toEqual(['hrisId', 'hr-dup']);
    expect(parseCsv((await download(`/api/syncs/${ids.dry()}/items.csv`)).text)).toHaveLength(3);
    expect((await download(`/api/syncs/${ids.failed()}/items.csv`)).text).toBe(`${itemsCsvHeader.join(',')}\r\n`);
  });

  it('streams a large run across pages, complete and in order', async () => {
    const items = parseCsv((await download(`/api/syncs/${ids.big()}/items.csv`)).text);
    expect(items).toHaveLength(4501);
    expect(items.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 4500 }, (_, seq) => `big-${String(seq).padStart(5, '0')}`));
    const errors = parseCsv((await download(`/api/syncs/${ids.big()}/errors.csv`)).text);
    expect(errors.slice(1).map((r) => [r[0], r[4]])).toEqual([
      ['big-02500', 'skipped'],
      ['big-04499', 'failed'],
    ]);
  });
});
