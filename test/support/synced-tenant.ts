// A live demo tenant of many generated people whose platform already holds them, as the night
// after a sync finds it: the platform is seeded directly (bench/sync-run/seed.ts), so going live
// changes nothing and a test's runs do only what the test changes.
import { localDate } from '../../activities/hris/dates';
import { replaceDirectory, seedDirectory, seedPlatform } from '../../bench/sync-run/seed';
import { tenantConfig } from '../../bench/sync-run/tenant-driver';
import { benchConfig, syntheticTenant, noChanges, type ChangeMix } from '../../bench/synthetic-tenant';
import { demoCustomSchema } from '../../dev/scim-server';
import { demoTenant } from './fixtures';
import { configureAndKickOff, enterKey, takeLive, type DemoStack } from './onboarding';
import { uniqueTenantId } from './stack';

export interface SyncedTenant {
  id: string;
  /** Writes today's directory: `mix` of the people changed since the platform was in sync. */
  change(mix: Partial<ChangeMix>): Promise<void>;
}

export async function liveSyncedTenant(demo: DemoStack, size: number, id = uniqueTenantId()): Promise<SyncedTenant> {
  const { stack } = demo;
  const scim = demo.platformFor(id);
  const created = await stack.request('POST', '/api/tenants', demoTenant(id));
  if (created.status !== 201) throw new Error(`creating ${id}: ${created.text}`);
  const yesterday = syntheticTenant(size, noChanges).employees;
  await seedDirectory(stack.db, id, yesterday);
  const config = tenantConfig(benchConfig, Math.max(25, size));
  await configureAndKickOff(stack, id, config);
  await enterKey(stack, id, 'demo-key');
  await seedPlatform(stack.db, id, scim, { yesterday, config: benchConfig, today: localDate(config.schedule.timezone), customSchema: demoCustomSchema });
  await takeLive(stack, id);
  return {
    id,
    change: (mix) => replaceDirectory(stack.db, id, syntheticTenant(size, { ...noChanges, ...mix }).employees),
  };
}
