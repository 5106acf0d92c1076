// What a run's activities need to reach a tenant's systems: its settings from the projection,
// its secrets from the store, and connectors built from them. The platform connector is kept per
// run in this worker, so that its pacer holds the tenant's pace across the run's activities.
import type { Db } from '../../common/db';
import type { SecretStore } from '../../common/secrets';
import type { TenantRow } from '../../common/tenants-repository';
import type { TenantConfig } from '../../common/tenant-config';
import type { PlatformSettings, PlatformTarget } from '../../common/tenant';
import { UnfixableError } from '../../common/unfixable';
import { createHrisConnector, localDate, type HrisConnector } from '../hris';
import type { NetworkPolicy } from '../http/network-guard';
import { sharedLimits } from '../http/shared-limits';
import { createPlatformConnector, type PlatformConnector } from '../platform';

export interface DemoPlatformAccess {
  endpoint(tenantId: string): { baseUrl: string; customSchema?: string; maxRequestsPerSecond?: number; concurrency?: number };
  token: string;
}

export interface TenantAccessDeps {
  db: Db;
  secrets: SecretStore;
  /** ROSTER_ALLOW_PRIVATE_URLS: whether tenants' systems may be on loopback or private addresses. */
  allowPrivateUrls: boolean;
  demoPlatform?: DemoPlatformAccess;
  /** ROSTER_SHARED_RATE_LIMITS: requests a second by host, for all tenants together. */
  sharedRateLimits?: Readonly<Record<string, number>>;
}

/** What a run's activities read of the tenant's row. */
export type TenantRecord = Pick<TenantRow, 'id' | 'name' | 'hris' | 'platform' | 'contacts'>;

export function createTenantAccess({ db, secrets, allowPrivateUrls, demoPlatform, sharedRateLimits = {} }: TenantAccessDeps) {
  const platforms = new Map<string, PlatformConnector>();
  const network: NetworkPolicy = { allowPrivateUrls };
  const shared = sharedLimits(db, sharedRateLimits);

  const tenant = async (tenantId: string): Promise<TenantRecord> => {
    const row = await db('tenants').where({ id: tenantId }).first('id', 'name', 'hris', 'platform', 'contacts');
    if (!row) throw new UnfixableError('row_missing', `Tenant ${tenantId} has no row`);
    return row;
  };

  const config = async (configVersionId: string): Promise<TenantConfig> => {
    const row = await db('tenant_config_versions').where({ id: configVersionId }).first('config');
    if (!row) throw new UnfixableError('row_missing', `Config version ${configVersionId} does not exist`);
    return row.config;
  };

  return {
    tenant,
    config,

    /**
     * The day, in the tenant's time zone, a read is made as of: who has started, who has left. A
     * run's read takes it once and its plan is made for the same day.
     */
    async today(configVersionId: string): Promise<string> {
      return localDate((await config(configVersionId)).schedule.timezone);
    },

    async hris(tenantId: string, credentialRef: string): Promise<HrisConnector> {
      const record = await tenant(tenantId);
      return createHrisConnector(record.hris, await secrets.get(tenantId, 'hris_key', credentialRef), { db, tenantId, http: { network, shared } });
    },

    target: (syncId: string) => recordedTarget(db, syncId),

    /**
     * One connector per run (and worker), so one pacer keeps the platform's pace for the whole run.
     * The run's row says which target: a sandbox is the production settings at the sandbox's
     * address, with its own token.
     */
    async platform(tenantId: string, syncId: string): Promise<PlatformConnector> {
      const cached = platforms.get(syncId);
      if (cached) return cached;
      const record = await tenant(tenantId);
      const target = await recordedTarget(db, syncId);
      let settings: PlatformSettings = record.platform;
      if (target === 'sandbox') {
        if (settings.kind !== 'scim' || !settings.sandbox) throw new UnfixableError('sandbox_removed', 'This run was started for the sandbox platform, which the tenant no longer has.');
        const { sandbox, ...production } = settings;
        settings = { ...production, baseUrl: sandbox.baseUrl, tokenRef: sandbox.tokenRef };
      }
      const token = settings.kind === 'scim' ? await secrets.get(tenantId, 'platform_token', settings.tokenRef) : (demoPlatform?.token ?? '');
      const connector = createPlatformConnector(settings, token, { network, shared, demo: demoPlatform?.endpoint(tenantId) });
      platforms.set(syncId, connector);
      // A worker serves many runs over years: keep only the recent ones.
      if (platforms.size > 100) platforms.delete(platforms.keys().next().value!);
      return connector;
    },
  };
}

/** The target a run was started for (sync_runs.target); a run missing its row cannot go on. */
async function recordedTarget(db: Db, syncId: string): Promise<PlatformTarget> {
  const row: { target: PlatformTarget } | undefined = await db('sync_runs').where({ id: syncId }).first('target');
  if (!row) throw new UnfixableError('row_missing', `Sync run ${syncId} has no row`);
  return row.target;
}

export type TenantAccess = ReturnType<typeof createTenantAccess>;
