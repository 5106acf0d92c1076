// A Humaans tenant as the real-stack tests set one up: its own Humaans fake (people paged 25 at a
// time, a test secret for a key), its own directory on the test SCIM server, created through the
// API and past kick-off, waiting in `authorization`.
import { expect } from 'vitest';
import type { ScimTenant } from '../../dev/scim-server';
import { scimPlatformFor, type ScimPlatform } from '../activities/platform/scim-platform';
import { humaansDataset } from '../fakes/humaans-datasets';
import { startHumaansFake, type HumaansFake } from '../fakes/humaans';
import { testSecret } from '../replay/record-history';
import { configureAndKickOff } from './onboarding';
import { uniqueTenantId, type TestStack } from './stack';

export interface HumaansTenant {
  id: string;
  hris: HumaansFake;
  scim: ScimTenant;
  platformToken: string;
}

export interface HumaansTenantOptions {
  /** Ordinary people beside the dataset's ~40 named ones. */
  fillers: number;
  /** The tenant id's prefix and the company's name. */
  prefix: string;
  company: string;
  contacts: { supportEmail?: string; hrisAdminEmail?: string };
  config: object;
  /** Each fake started, for the caller to close. */
  fakes: { close(): Promise<unknown> }[];
}

export async function humaansTenantPastKickoff(stack: TestStack, platform: ScimPlatform, options: HumaansTenantOptions): Promise<HumaansTenant> {
  const today = new Date().toISOString().slice(0, 10);
  const hris = await startHumaansFake({ dataset: humaansDataset({ today, fillers: options.fillers }), token: testSecret('humaans'), maxLimit: 25 });
  options.fakes.push(hris);
  const id = uniqueTenantId(options.prefix);
  const platformToken = testSecret('scim');
  const { scim, settings } = scimPlatformFor(platform, id, platformToken);
  const body = { id, name: `${options.company} ${id}`, hris: { provider: 'humaans', baseUrl: hris.url }, platform: settings, contacts: options.contacts };
  expect((await stack.request('POST', '/api/tenants', body)).status).toBe(201);
  await configureAndKickOff(stack, id, options.config);
  return { id, hris, scim, platformToken };
}
