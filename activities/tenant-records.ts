// Records what the tenant workflow decided: one audit entry, the config version it introduced,
// and the tenants projection the API lists and filters. Idempotent, so a retry after a crash
// writes each entry once; the revision check keeps a late retry from rolling the projection back.
import type { Db } from '../common/db';
import { loggerFor } from '../common/logger';
import type { Stage } from '../common/stages';
import type { ConfigIssue, TenantConfig } from '../common/tenant-config';
import type { GoLive, TenantProfile } from '../common/tenant';
import { workerMetrics } from '../telemetry/metrics/worker-metrics';

const log = loggerFor('activities');

export interface TenantEvent {
  id: string;
  tenantId: string;
  revision: number;
  at: string;
  actor: string;
  action: string;
  stage: Stage;
  from?: Stage;
  to?: Stage;
  reason?: string;
  changes?: string[];
  configVersion?: { id: string; config: TenantConfig; warnings: ConfigIssue[] };
  /** The go-live as the API shows it; null once it is over. */
  goLive?: GoLive | null;
  liveSince?: string;
  /** The HRIS key's state as the API shows it (never the key or its reference). */
  credential?: { status: 'verified' | 'missing' | 'rejected'; verifiedAt?: string };
  /** The tenant's settings after a change (the platform token only as its reference). */
  settings?: Omit<TenantProfile, 'tenantId'>;
  /** The run an entry is about (a later welcome to the accounts it created). */
  syncId?: string;
}

export function createTenantRecordActivities(db: Db) {
  return {
    async recordTenantEvent(event: TenantEvent): Promise<void> {
      await db.transaction(async (trx) => {
        await trx('tenant_history')
          .insert({
            id: event.id,
            tenant_id: event.tenantId,
            at: event.at,
            actor: event.actor,
            action: event.action,
            from_stage: event.from ?? null,
            to_stage: event.to ?? null,
            reason: event.reason ?? null,
            changes: event.changes ? JSON.stringify(event.changes) : null,
            sync_id: event.syncId ?? null,
          })
          .onConflict('id')
          .ignore();
        const version = event.configVersion;
        if (version) {
          await trx('tenant_config_versions')
            .insert({ id: version.id, tenant_id: event.tenantId, config: JSON.stringify(version.config), created_at: event.at, created_by: event.actor })
            .onConflict('id')
            .ignore();
        }
        await trx('tenants')
          .where({ id: event.tenantId })
          .andWhere('revision', '<', event.revision)
          .update({
            stage: event.stage,
            revision: event.revision,
            updated_at: event.at,
            ...(version && { config: JSON.stringify(version.config), config_version_id: version.id, warnings: JSON.stringify(version.warnings) }),
            ...(event.credential && { credential: JSON.stringify(event.credential) }),
            ...(event.goLive !== undefined && { go_live: event.goLive === null ? null : JSON.stringify(event.goLive) }),
            ...(event.liveSince && { live_since: event.liveSince }),
            ...(event.settings && {
              name: event.settings.name,
              contacts: JSON.stringify(event.settings.contacts),
              hris: JSON.stringify(event.settings.hris),
              platform: JSON.stringify(event.settings.platform),
            }),
          });
      });
      if (event.action === 'scheduled_run_skipped') workerMetrics.scheduledFireSkipped(event.stage);
      log.info('tenant event recorded', { tenantId: event.tenantId, action: event.action, stage: event.stage, revision: event.revision });
    },
  };
}
