// Issue 19 on the real stack: a Humaans tenant (the Humaans fake, the SCIM server) whose config
// maps a Humaans custom field to the platform's cost centre and makes a group dimension of another,
// so the values read from Humaans' custom values reach the platform as an attribute and as groups.
import { describe, expect, it } from 'vitest';
import { CUSTOM_FIELD } from '../fakes/humaans-datasets';
import { kickoffConfig } from '../support/fixtures';
import { humaansTenantPastKickoff } from '../support/humaans-tenant';
import { enterKey, takeLive } from '../support/onboarding';
import { useScimStack } from '../support/scim-stack';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const humaans = useScimStack();

const config = {
  ...kickoffConfig,
  fieldMappings: { title: 'position', costCenter: `custom.${CUSTOM_FIELD.costCentre}` },
  groups: [{ from: `custom.${CUSTOM_FIELD.shirtSize}`, prefix: 'Shirt size ' }],
  schedule: { cron: '0 2 * * *', timezone: 'UTC' },
};

describe("an HR system's custom fields", () => {
  it('reach the platform as a mapped attribute and as a group dimension', async () => {
    const { stack, platform, fakes } = humaans;
    const { id, hris, scim } = await humaansTenantPastKickoff(stack, platform, { fillers: 10, prefix: 'custom', company: 'Initech', contacts: {}, config, fakes });
    await enterKey(stack, id, hris.token);
    const live = await takeLive(stack, id);
    expect(live.lastSync.status).toMatch(/^(success|warning)$/);

    const [ana] = scim.directory.usersByExternalId('p-active');
    expect(ana?.[ENTERPRISE]).toMatchObject({ costCenter: 'CC-100' });
    const shirts = scim.directory.groups().filter((group) => String(group.displayName).startsWith('Shirt size '));
    const medium = shirts.find((group) => group.displayName === 'Shirt size M');
    expect(medium).toMatchObject({ externalId: `custom.${CUSTOM_FIELD.shirtSize}:m` });
    expect(((medium?.members ?? []) as { value: string }[]).map((member) => member.value)).toContain(ana!.id);
    expect(shirts.length).toBeGreaterThan(1);
  });
});
