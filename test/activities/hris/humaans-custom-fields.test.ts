// Humaans' custom values, read over real HTTP from the fake: each person's own values arrive as the
// employee's `custom`, named by the custom field's id, whatever page of the values list they are on.
import { describe, expect, it } from 'vitest';
import type { Employee } from '../../../common/directory';
import { CUSTOM_FIELD, humaansDataset, SHIRT_SIZES } from '../../fakes/humaans-datasets';
import { useHumaansFake } from '../../fakes/humaans-harness';
import { readDirectory } from './read-directory';

const today = '2030-06-15';
const h = useHumaansFake(today);

const read = async () => new Map((await readDirectory(h.connector(), { today })).employees.map((e): [string, Employee] => [e.hrisId, e]));

describe('custom values', () => {
  it('arrive as custom.<customFieldId>: trimmed, a multiple choice joined with "; "', async () => {
    const people = await read();
    expect(people.get('p-active')?.custom).toEqual({ [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.languages]: 'English; Spanish', [CUSTOM_FIELD.costCentre]: 'CC-100' });
    expect(people.get('p-unicode-cjk')?.custom).toEqual({ [CUSTOM_FIELD.languages]: '中文; 日本語' });
    // A new hire's values come with them: the key has private:read.
    expect(people.get('p-future-hire')?.custom).toEqual({ [CUSTOM_FIELD.shirtSize]: 'S' });
  });

  it('leave out blank values, empty choices, and values that belong to one of the person’s job roles', async () => {
    const people = await read();
    expect(people.get('p-preferred')?.custom).toBeUndefined();
    expect(Object.keys(people.get('p-active')?.custom ?? {})).not.toContain(CUSTOM_FIELD.roleBonus);
    expect(people.get('p-no-role')?.custom).toBeUndefined();
  });

  it('are read once per read, every page of them, never per person, and joined to people on later pages', async () => {
    const people = await read();
    const values = h.fake.dataset.customValues.length;
    expect(values).toBeGreaterThan(200);
    expect(h.fake.calls('/custom-values').map((r) => r.query)).toEqual(Array.from({ length: Math.ceil(values / 100) }, (_, i) => ({ $limit: '100', $skip: String(i * 100) })));
    const fillers = [...people.values()].filter((e) => /^p-f\d/.test(e.hrisId));
    expect(fillers.length).toBeGreaterThan(200);
    fillers.forEach((e, i) => expect(e.custom, e.hrisId).toEqual({ [CUSTOM_FIELD.shirtSize]: SHIRT_SIZES[(i + 1) % SHIRT_SIZES.length] }));
  });

  it('are left out, and everyone still read, should Humaans have no custom values list', async () => {
    h.fake.faults.noCustomValues = true;
    const people = await read();
    expect(people.get('p-active')).toMatchObject({ workEmail: expect.any(String) });
    expect([...people.values()].filter((e) => e.custom !== undefined)).toEqual([]);
    expect(people.size).toBeGreaterThan(200);
    expect(h.logs.join('\n')).toContain('humaans has no custom values list');
  });

  it('follow a value changed in Humaans under the same field', async () => {
    h.fake.dataset = humaansDataset({ today, revision: 2 });
    expect((await read()).get('p-active')?.custom?.[CUSTOM_FIELD.costCentre]).toBe('CC-300');
  });

  it('still join the people of a second scan, when the directory moved while it was paged', async () => {
    h.fake.faults.directoryMoves = 'once';
    const { scan, employees } = await readDirectory(h.connector(), { today });
    expect(scan).toBe(1);
    expect(employees.find((e) => e.hrisId === 'p-active')?.custom?.[CUSTOM_FIELD.shirtSize]).toBe('M');
  });
});
