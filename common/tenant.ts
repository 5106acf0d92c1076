// What a tenant is made of, as the workflow and the API share it. Secrets appear only as
// references (`tokenRef`): the token itself lives in the secret store.
import type { TenantConfig } from './tenant-config';
import type { Stage } from './stages';
import type { FinalStatus, SyncTrigger } from './sync-run';

/** What a tenant id looks like (API.md): the creation schema and every `:id` path parameter check it. */
export const tenantIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const hrisProviders = ['humaans', 'worknice', 'bamboohr', 'csv', 'demo'] as const;
export type HrisProvider = (typeof hrisProviders)[number];

export type HrisSettings =
  | { provider: 'humaans' | 'worknice'; baseUrl?: string }
  | { provider: 'bamboohr'; subdomain: string; baseUrl?: string }
  | { provider: 'csv' }
  | { provider: 'demo' };

/** HR systems that can say who changed, so runs between full runs may read only them (CONNECTORS.md). */
export const readsChanges = (hris: HrisSettings): boolean => hris.provider === 'bamboohr';

export type PlatformSettings =
  | { kind: 'scim'; baseUrl: string; tokenRef: string; loginUrl?: string; maxRequestsPerSecond: number; concurrency: number; customSchema?: string }
  | { kind: 'demo'; loginUrl?: string };

export interface Contacts {
  supportEmail?: string;
  hrisAdminEmail?: string;
}

export interface TenantProfile {
  tenantId: string;
  name: string;
  hris: HrisSettings;
  platform: PlatformSettings;
  contacts: Contacts;
}

/** A go-live asked for in `ready`: waiting for its time, loading, or failed with the reason. */
export interface GoLive {
  at: string;
  status: 'scheduled' | 'loading' | 'failed';
  syncId?: string;
  reason?: string;
  inviteNewUsers?: boolean;
  requestedBy: string;
}

/** What the tenant workflow carries across continue-as-new. */
export interface TenantState {
  stage: Stage;
  config?: TenantConfig;
  configVersionId?: string;
  /** The verified HRIS key's reference in the secret store. */
  credential?: { ref: string; verifiedAt: string };
  /** The one open sync run, if any (PRODUCT.md: at most one per tenant), and what started it. */
  activeSyncId?: string;
  activeTrigger?: SyncTrigger;
  lastSync?: { id: string; status: FinalStatus; errorCode?: string };
  /** The latest test's end and the config version it ran with: what approving the test needs. */
  lastTest?: { id: string; status: FinalStatus; configVersionId: string };
  /** A test asked for while a run was open: it starts once that run has ended. */
  testWanted?: { actor: string; reason?: string };
  goLive?: GoLive;
  /** When the tenant first went live: hypercare counts from here. */
  liveSince?: string;
  /** Grows with every recorded change, so the Postgres projection never goes backwards. */
  revision: number;
}

export interface TenantWorkflowInput {
  profile: TenantProfile;
  state?: TenantState;
}

export const tenantWorkflowId = (tenantId: string): string => `tenant-${tenantId}`;
export const tenantScheduleId = (tenantId: string): string => `schedule-${tenantId}`;
