// Migrations are listed here rather than discovered on disk, so they load the same way under
// tsx, vitest and a bundled build. `npm run migrate`, `npm start` and the tests' setup all bring a
// database up to date through migrateLatest.
import type { Knex } from 'knex';
import * as foundation from './0001_foundation';
import * as demoDirectory from './0002_demo_directory';
import * as platformLinks from './0003_platform_links';
import * as syncRuns from './0004_sync_runs';
import * as mailOutbox from './0005_mail_outbox';
import * as authorizationLinks from './0006_authorization_links';
import * as goLive from './0007_go_live';
import * as csvFiles from './0008_csv_files';
import * as readWatermarks from './0009_read_watermarks';
import * as pendingPlanItems from './0010_pending_plan_items';
import * as linkMailAndRetention from './0011_link_mail_and_retention';
import * as linkTriesInFlight from './0012_link_tries_in_flight';
import * as runDecisions from './0013_run_decisions';
import * as consoleSessions from './0014_console_sessions';
import * as itemSearch from './0015_item_search';
import * as tenantProblems from './0016_tenant_problems';
import * as runHeldAt from './0017_run_held_at';
import * as webhooks from './0018_webhooks';
import * as listReadIndexes from './0019_list_read_indexes';
import * as runSourcesAndRetention from './0020_run_sources_and_retention';
import * as sharedRateLimits from './0021_shared_rate_limits';
import * as groupSources from './0022_group_sources';
import * as welcomes from './0023_welcomes';
import * as anonymisation from './0024_anonymisation';
import * as platformTargets from './0025_platform_targets';

const migrations: Record<string, Knex.Migration> = {
  '0001_foundation': foundation,
  '0002_demo_directory': demoDirectory,
  '0003_platform_links': platformLinks,
  '0004_sync_runs': syncRuns,
  '0005_mail_outbox': mailOutbox,
  '0006_authorization_links': authorizationLinks,
  '0007_go_live': goLive,
  '0008_csv_files': csvFiles,
  '0009_read_watermarks': readWatermarks,
  '0010_pending_plan_items': pendingPlanItems,
  '0011_link_mail_and_retention': linkMailAndRetention,
  '0012_link_tries_in_flight': linkTriesInFlight,
  '0013_run_decisions': runDecisions,
  '0014_console_sessions': consoleSessions,
  '0015_item_search': itemSearch,
  '0016_tenant_problems': tenantProblems,
  '0017_run_held_at': runHeldAt,
  '0018_webhooks': webhooks,
  '0019_list_read_indexes': listReadIndexes,
  '0020_run_sources_and_retention': runSourcesAndRetention,
  '0021_shared_rate_limits': sharedRateLimits,
  '0022_group_sources': groupSources,
  '0023_welcomes': welcomes,
  '0024_anonymisation': anonymisation,
  '0025_platform_targets': platformTargets,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrateLatest(db: Knex): Promise<void> {
  await db.migrate.latest({ migrationSource });
}
