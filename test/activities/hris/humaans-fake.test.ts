// The Humaans fake answers as Humaans does: what the connector tests rely on.
import { describe, expect, it } from 'vitest';
import { FILLER_COUNT, humaansDataset } from '../../fakes/humaans-datasets';
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

  it('answers 403 outside the token’s scopes but still says who the token is', async () => {
    h.fake.scopes = [];
    const headers = { authorization: `Bearer ${h.fake.token}` };
    expect((await fetch(`${h.fake.url}/people`, { headers })).status).toBe(403);
    expect((await fetch(`${h.fake.url}/me`, { headers })).status).toBe(200);
  });
});
