// What a tenant is made of, as the workflow and the API share it. Secrets appear only as
// references (`tokenRef`): the token itself lives in the secret store.
import type { TenantConfig } from './tenant-config';
import { afterGoLive, type Stage } from './stages';
import type { FinalStatus, SyncTrigger } from './sync-run';
import { hrisDescriptor, type HrisSettings } from '../activities/hris/registry';

/** What a tenant id looks like (docs/API.md): the creation schema and every `:id` path parameter check it. */
export const tenantIdPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

// The HR systems are data in one registry (activities/hris/registry.ts: descriptors only, safe for
// the workflow bundle); the provider names and their settings are derived from it.
export { hrisProviders, type HrisProvider, type HrisSettings } from '../activities/hris/registry';

/** HR systems that can say who changed, so runs between full runs may read only them (docs/CONNECTORS.md). */
export const readsChanges = (hris: HrisSettings): boolean => hrisDescriptor(hris.provider)?.readsChanges === true;

/**
 * The customer's sandbox of the same platform: tests and trial loads write there before go-live,
 * with the production settings' pace and schema (docs/PRODUCT.md "A sandbox before production").
 */
export interface SandboxSettings {
  baseUrl: string;
  tokenRef: string;
}

export type PlatformSettings =
  | { kind: 'scim'; baseUrl: string; tokenRef: string; loginUrl?: string; maxRequestsPerSecond: number; concurrency: number; customSchema?: string; sandbox?: SandboxSettings }
  | { kind: 'demo'; loginUrl?: string };

/** Which of the tenant's platforms a run reads and writes: its links are kept apart by it. */
export type PlatformTarget = 'production' | 'sandbox';

/**
 * Before go-live a tenant with a sandbox runs there (its tests and trial loads); the initial load
 * and every run after go-live go to production.
 */
export function runTarget(platform: PlatformSettings, stage: Stage, trigger: SyncTrigger): PlatformTarget {
  if (platform.kind !== 'scim' || !platform.sandbox || trigger === 'initial_load') return 'production';
  return afterGoLive.includes(stage) ? 'production' : 'sandbox';
}

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
  /** The one open sync run, if any (docs/PRODUCT.md: at most one per tenant), and what started it. */
  activeSyncId?: string;
  activeTrigger?: SyncTrigger;
  lastSync?: { id: string; status: FinalStatus; errorCode?: string };
  /** The latest test's end and the config version it ran with: what approving the test needs. */
  lastTest?: { id: string; status: FinalStatus; configVersionId: string };
  /** A test asked for while a run was open: it starts once that run has ended. */
  testWanted?: { actor: string; reason?: string };
  goLive?: GoLive;
  /** Webhook events wait in the inbox since this wake-up: a run of trigger `webhook` reads them once the window has passed. */
  changesWaiting?: { since: string };
  /** When the next leaver's last day ends (activities/sync/end-dates.ts): a run deactivates them then. */
  leaversDueAt?: string;
  /** The key whose user BambooHR refused a webhook to: recorded once per key. */
  webhookRefusedFor?: string;
  /** When the tenant first went live: hypercare counts from here. */
  liveSince?: string;
  /** Grows with every recorded change, so the Postgres projection never goes backwards. */
  revision: number;
}

export interface TenantWorkflowInput {
  profile: TenantProfile;
  state?: TenantState;
}
