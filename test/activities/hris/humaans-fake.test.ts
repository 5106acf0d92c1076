// The Humaans fake answers as Humaans does: what the connector tests rely on.
import { describe, expect, it } from 'vitest';
import { CUSTOM_FIELD, FILLER_COUNT, humaansDataset } from '../../fakes/humaans-datasets';
import { PUBLIC_SCOPE } from '../../fakes/humaans';
import { useHumaansFake } from '../../fakes/humaans-harness';

const today = '2030-06-15';
const h = useHumaansFake(today);

describe('the fake itself', () => {
  it('caps $limit at 250, filters job roles by person, and keeps its datasets deterministic', async () => {
    const headers = { authorization: `Bearer ${h.fake.token}` };
    const people: any = await (await fetch(`${h.fake.url}/people?$limit=1000`, { headers })).json();
    expect(people).toMatchObject({ total: h.everyone(), limit: 250, skip: 0 });
    expect(people.data).toHaveLength(250);
    const roles: any = await (await fetch(`${h.fake.url}/job-roles?personId=p-manager-change`, { headers })).json();
    expect(roles.data.map((r: { personId: string }) => r.personId)).toEqual(['p-manager-change', 'p-manager-change']);
    expect(humaansDataset({ today })).toEqual(humaansDataset({ today }));
    expect(h.fake.dataset.people.filter((p) => p.firstName === 'Filler')).toHaveLength(FILLER_COUNT);
  });

  it('lists custom values, text or a list, only for people the token may see', async () => {
    const headers = { authorization: `Bearer ${h.fake.token}` };
    const values = async () => ((await (await fetch(`${h.fake.url}/custom-values?personId=p-future-hire`, { headers })).json()) as any).data;
    const all: any = await (await fetch(`${h.fake.url}/custom-values?personId=p-active`, { headers })).json();
    expect(all.data.map((v: { value: unknown }) => v.value)).toEqual(['M', ['English', 'Spanish'], ' CC-100 ', '10%']);
    expect(await values()).toEqual([expect.objectContaining({ personId: 'p-future-hire', customFieldId: CUSTOM_FIELD.shirtSize, value: 'S', resourceId: null })]);
    h.fake.scopes = [PUBLIC_SCOPE];
    expect(await values()).toEqual([]);
  });

  it('answers 403 outside the token’s scopes but still says who the token is', async () => {
    h.fake.scopes = [];
    const headers = { authorization: `Bearer ${h.fake.token}` };
    expect((await fetch(`${h.fake.url}/people`, { headers })).status).toBe(403);
    expect((await fetch(`${h.fake.url}/me`, { headers })).status).toBe(200);
  });
});
