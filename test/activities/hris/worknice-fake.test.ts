// The Worknice fake answers as a GraphQL server would: what the connector tests rely on.
import { describe, expect, it } from 'vitest';
import { FILLER_COUNT, workniceDataset } from '../../fakes/worknice-datasets';
import { useWorkniceFake } from '../../fakes/worknice-harness';

const today = '2030-06-15';
const w = useWorkniceFake(today);

describe('the fake itself', () => {
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(`${w.fake.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'worknice-api-token': w.fake.token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const ids = (body: any) => body.data.session.org.people.map((p: { id: string }) => p.id);

  it('hides archived people unless the query includes them, and filters by status', async () => {
    expect(ids((await ask('{ session { org { people { id } } } }')).body)).not.toContain('w-past-leaver');
    expect(ids((await ask('query Q($a: Boolean) { session { org { people(includeArchived: $a) { id } } } }', { a: true })).body)).toContain('w-past-leaver');
    expect(ids((await ask('{ session { org { people(includeArchived: true, status: [ONBOARDING]) { id } } } }')).body)).toEqual(['w-onboarding']);
  });

  it('refuses fields outside the confirmed schema, fragments and mutations, as a GraphQL server would', async () => {
    expect(await ask('{ session { org { people { id firstName } } } }')).toEqual({ status: 400, body: { errors: [{ message: 'Cannot query field "firstName" on type "Person".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] } });
    expect(await ask('{ session { org { people { ...P } } } }')).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } });
    expect(await ask('mutation { archive }')).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'GRAPHQL_PARSE_FAILED' } }] } });
  });

  it('resolves managers through positions and keeps its datasets deterministic', async () => {
    const { body } = await ask('{ session { org { people { id currentJob { position { manager { currentJob { person { id } } } } } } } } }');
    const active = body.data.session.org.people.find((p: { id: string }) => p.id === 'w-active');
    expect(active.currentJob.position.manager.currentJob.person.id).toBe('w-eng-head');
    expect(workniceDataset({ today })).toEqual(workniceDataset({ today }));
    expect(w.fake.dataset.people.filter((p) => p.displayName.startsWith('Filler'))).toHaveLength(FILLER_COUNT);
  });
});
