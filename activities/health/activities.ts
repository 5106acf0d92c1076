// The activities of tenant health's hourly sweep and daily digest (workflows/tenant-health.ts).
import type { Client } from '@temporalio/client';
import type { Db } from '../../common/db';
import { queueDigests, type HealthMailSettings } from './notices';
import { sweepTenantHealth, type Swept } from './sweep';

export interface HealthDeps extends HealthMailSettings {
  db: Db;
  /** Reads the tenants' Temporal Schedules (`schedule_missing`). */
  client: Client;
}

export function createHealthActivities({ db, client, ...mail }: HealthDeps) {
  return {
    async sweepTenantHealth({ at }: { at: string }): Promise<Swept> {
      return sweepTenantHealth(db, client, new Date(at), mail);
    },

    /** The day's digest of open problems; says which tenants' outboxes hold it. */
    async queueHealthDigest({ day }: { day: string }): Promise<{ mailFor: string[] }> {
      return { mailFor: await queueDigests(db, day, mail) };
    },
  };
}
