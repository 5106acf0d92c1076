// The company's own BambooHR fields, read over real HTTP from the fake: listed by GET /meta/fields
// without an alias, asked for by id beside Roster's fields, and arriving as the employee's
// `custom.<field id>` in full, incremental and targeted reads alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BAMBOOHR } from '../../../activities/hris/bamboohr/api';
import { customFieldIds } from '../../../activities/hris/bamboohr/custom-fields';
import type { Employee } from '../../../common/directory';
import { bambooDataset, CUSTOM_FIELD, ID, SHIRT_SIZES } from '../../fakes/bamboohr-datasets';
import { bambooConnector } from '../../fakes/bamboohr-harness';
import { startBambooHrFake, type BambooFake } from '../../fakes/bamboohr';
import { readDirectory } from './read-directory';

const today = '2030-06-15';

let fake: BambooFake;
beforeEach(async () => {
  fake = await startBambooHrFake({ dataset: bambooDataset({ today }) });
});
afterEach(() => fake.close());

async function people(): Promise<Map<string, Employee>> {
  const { employees } = await readDirectory(bambooConnector(fake).connector, { today });
  return new Map(employees.map((e) => [e.hrisId, e]));
}

describe('a full read', () => {
  it('brings the company’s own fields as custom.<field id>, trimmed, blank and null values absent', async () => {
    const directory = await people();
    expect(directory.get(ID.active)?.custom).toEqual({ [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.costCentre]: 'CC-100' });
    expect(directory.get(ID.unicodeCjk)?.custom).toEqual({ [CUSTOM_FIELD.costCentre]: '研究開発' });
    expect(directory.get(ID.preferred)?.custom).toBeUndefined();
    expect(directory.get(ID.ceo)?.custom).toBeUndefined();
    const fillers = [...directory.values()].filter((e) => e.firstName === 'Filler');
    expect(fillers.length).toBeGreaterThan(0);
    fillers.forEach((e, i) => expect(e.custom, e.hrisId).toEqual({ [CUSTOM_FIELD.shirtSize]: SHIRT_SIZES[(i + 1) % SHIRT_SIZES.length] }));
  });

  it('asks for neither a deprecated field nor a sub-field, though the person has values in them', async () => {
    await people();
    const asked = fake.calls('/reports/custom')[0]!.fields!;
    expect(asked).not.toContain(CUSTOM_FIELD.badge);
    expect(asked).not.toContain(CUSTOM_FIELD.emergencyPhone);
    expect(fake.employees.find((e) => e.id === ID.active)?.custom).toHaveProperty(CUSTOM_FIELD.badge);
  });

  it('asks for no more fields than a report takes, the company’s own in id order', async () => {
    const many = Array.from({ length: BAMBOOHR.maxReportFields }, (_, i) => ({ id: 5000 + BAMBOOHR.maxReportFields - i, name: `Field ${i}`, type: 'text' }));
    fake.company.customFields.push(...many);
    await people();
    const asked = fake.calls('/reports/custom')[0]!.fields!;
    expect(asked).toHaveLength(BAMBOOHR.maxReportFields);
    expect(asked.slice(BAMBOOHR.fields.length, BAMBOOHR.fields.length + 3)).toEqual([CUSTOM_FIELD.shirtSize, CUSTOM_FIELD.costCentre, '5001']);
  });
});

describe('reads of a few people', () => {
  it('bring custom values too, as they are now, in an incremental read', async () => {
    const { changes } = bambooConnector(fake);
    const since = await changes.watermark();
    fake.change(ID.active, { custom: { [CUSTOM_FIELD.shirtSize]: 'L', [CUSTOM_FIELD.costCentre]: 'CC-200' } });
    const { employees } = await changes.readChangedSince({ today, since });
    expect(employees).toEqual([expect.objectContaining({ hrisId: ID.active, custom: { [CUSTOM_FIELD.shirtSize]: 'L', [CUSTOM_FIELD.costCentre]: 'CC-200' } })]);
  });

  it('bring custom values too in a targeted read', async () => {
    const read = await bambooConnector(fake).connector.readPeople!({ today, hrisIds: [ID.active, ID.unicodeCjk] });
    expect(read.map((e) => e.custom)).toEqual([{ [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.costCentre]: 'CC-100' }, { [CUSTOM_FIELD.costCentre]: '研究開発' }]);
    expect(fake.calls(`/employees/${ID.active}`)[0]?.query.fields?.split(',')).toEqual([...BAMBOOHR.fields, CUSTOM_FIELD.shirtSize, CUSTOM_FIELD.costCentre]);
  });
});

describe('choosing the company’s own fields', () => {
  it('keeps fields without an alias whose id is a whole number, skips anything else, and reads ids given as numbers or text alike', () => {
    const ids = customFieldIds([
      { id: 1, name: 'First name', type: 'text', alias: 'firstName' },
      { id: 4010, name: 'Allergies', type: 'text' },
      { id: '4002', name: 'Cost centre', type: 'text', alias: null },
      { id: '4004.1', name: 'Emergency contact: phone', type: 'phone' },
      { id: 4003, name: 'Badge number', type: 'text', deprecated: true },
      { name: 'A field without an id' },
      'not a field',
    ]);
    expect(ids).toEqual(['4002', '4010']);
  });
});
