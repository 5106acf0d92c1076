// The tenant workflow's messages, shared by the workflow and the API client.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ConfigIssue, TenantConfig } from '../common/tenant-config';
import type { Stage } from '../common/stages';
import type { Contacts, GoLive, HrisSettings, PlatformSettings } from '../common/tenant';
import type { ReadMode, RunScope, SyncMode, SyncTrigger } from '../common/sync-run';
import type { WelcomesSent, WelcomeTargets } from '../common/welcomes';

export interface Actor {
  actor: string;
  reason?: string;
}

export interface ChangeConfigInput extends Actor {
  config: TenantConfig;
  warnings: ConfigIssue[];
}

export interface TenantSnapshot {
  tenantId: string;
  stage: Stage;
  configVersionId?: string;
  credentialVerified: boolean;
  activeSyncId?: string;
  /** A test is running or waits to start. */
  testPending: boolean;
  goLive?: GoLive;
  /** Webhook events wait for their run. */
  changesWaiting: boolean;
  /** When the next leaver's last day ends and their run starts. */
  leaversDueAt?: string;
  revision: number;
}

export interface SetCredentialInput extends Actor {
  /** The secret store's reference to a key the API has just verified. */
  credentialRef: string;
}

/** A new authorization link: the token itself never reaches a workflow, only its hash and a reference. */
export interface IssueLinkInput extends Actor {
  linkId: string;
  /** SHA-256 of the link token, base64url. */
  tokenHash: string;
  expiresAt: string;
  /** The secret store's reference to the sealed token, from which the link e-mail is written; absent when there is nobody to mail. */
  tokenRef?: string;
}

export interface GoLiveInput extends Actor {
  /** When to start the initial load; now when absent. */
  at?: string;
  /** For the initial load only; the config's `inviteNewUsers` otherwise. */
  inviteNewUsers?: boolean;
}

/** The platform's settings as a change gives them: a token only ever as the reference of a newly sealed one (`platformTokenRef`). */
export type PlatformSettingsChange = Exclude<PlatformSettings, { kind: 'scim' }> | Omit<Extract<PlatformSettings, { kind: 'scim' }>, 'tokenRef'>;

/**
 * New settings, each given whole (the API has merged the patch into what the tenant had); an
 * absent one stays as it is. The HR system's provider and the platform's kind never change.
 */
export interface ChangeSettingsInput extends Actor {
  name?: string;
  contacts?: Contacts;
  hris?: HrisSettings;
  platform?: PlatformSettingsChange;
  /** The secret store's reference to a new platform token the API has checked with the platform and sealed. */
  platformTokenRef?: string;
}

export interface RequestSyncInput extends Actor {
  trigger: SyncTrigger;
  mode: SyncMode;
  /** `incremental` reads only who changed when the HR system can say and no full run is due. */
  read?: ReadMode;
  /** One person now (`manual`, applied when live, a dry run from testing on), or the people of another scope. */
  scope?: RunScope;
}

/** Sending the welcome later: to everyone never welcomed, chosen people (`hrisIds`), or the accounts a run created (`syncId`). */
export interface SendWelcomesInput extends Actor, WelcomeTargets {}

export const changeConfigUpdate = defineUpdate<TenantSnapshot, [ChangeConfigInput]>('changeConfig');
export const changeSettingsUpdate = defineUpdate<TenantSnapshot, [ChangeSettingsInput]>('changeSettings');
export const completeKickoffUpdate = defineUpdate<TenantSnapshot, [Actor]>('completeKickoff');
export const setCredentialUpdate = defineUpdate<TenantSnapshot, [SetCredentialInput]>('setCredential');
export const issueLinkUpdate = defineUpdate<TenantSnapshot, [IssueLinkInput]>('issueAuthorizationLink');
export const revokeCredentialUpdate = defineUpdate<TenantSnapshot, [Actor]>('revokeCredential');
export const approveTestUpdate = defineUpdate<TenantSnapshot, [Actor]>('approveTest');
export const goLiveUpdate = defineUpdate<TenantSnapshot, [GoLiveInput]>('goLive');
/** From the tenant's Temporal Schedule, through `scheduledRunWorkflow`: a run is due. */
export const scheduledFireSignal = defineSignal<[{ firedAt: string }]>('scheduledFire');
/**
 * From the API, once per batch of webhook events (common/change-inbox.ts): changes wait in the
 * inbox. No arguments: which people changed stays in Postgres.
 */
export const changesArrivedSignal = defineSignal('changesArrived');
export const pauseUpdate = defineUpdate<TenantSnapshot, [Actor]>('pause');
export const resumeUpdate = defineUpdate<TenantSnapshot, [Actor]>('resume');
export const offboardUpdate = defineUpdate<TenantSnapshot, [Actor]>('offboard');
export const sendWelcomesUpdate = defineUpdate<WelcomesSent, [SendWelcomesInput]>('sendWelcomes');
export const requestSyncUpdate = defineUpdate<{ syncId: string }, [RequestSyncInput]>('requestSync');
export const stateQuery = defineQuery<TenantSnapshot>('state');

/** Error types a refused update carries; the API turns each into a 409 with this code, `validation_failed` into a 400. */
export const refusalCodes = ['validation_failed', 'invalid_transition', 'identity_key_locked', 'credentials_missing', 'test_not_approvable', 'sync_in_progress'] as const;
export type RefusalCode = (typeof refusalCodes)[number];
