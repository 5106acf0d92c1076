// What the tenant workflow refuses, checked by each Update's validator before anything changes
// (so a refusal leaves no trace in history): input Postgres cannot store, an operation the stage
// table does not allow (docs/PRODUCT.md "What each stage allows"), and each operation's own rules.
import { ApplicationFailure } from '@temporalio/workflow';
import { ensureStorable } from '../../common/storable';
import { afterGoLive, allows, refusal, type Operation } from '../../common/stages';
import { runTarget, type TenantProfile, type TenantState } from '../../common/tenant';
import type { Actor, ChangeConfigInput, ChangeSettingsInput, GoLiveInput, RefusalCode, RequestSyncInput, SendWelcomesInput } from '../tenant-messages';
import { settingsChanges, touchesConnections } from './settings';

export function refuse(code: RefusalCode, message: string, details?: Record<string, string>): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : undefined });
}

/** Every validator's first check: what Postgres could not store, then what the stage allows. */
function allowed(state: TenantState, operation: Operation, input: unknown, why?: string): void {
  ensureStorable(input);
  if (!allows(state.stage, operation)) refuse('invalid_transition', refusal(state.stage, operation, why));
}

const needsKey = (state: TenantState, why: string) => {
  if (!state.credential) refuse('credentials_missing', why);
};

/** The validator of each Update, by the operation it performs. */
export const validators = {
  changeConfig(state: TenantState, input: ChangeConfigInput) {
    allowed(state, 'change_config', input);
    if (state.config && afterGoLive.includes(state.stage) && input.config.identityKey !== state.config.identityKey) {
      refuse('identity_key_locked', `The identity key cannot change once the tenant is live: it stays '${state.config.identityKey}'.`);
    }
    if (state.stage === 'ready' && state.activeSyncId && state.activeTrigger !== 'test') {
      refuse('sync_in_progress', `Run ${state.activeSyncId} (the initial load) is running; change the config once it has finished.`, { syncId: state.activeSyncId });
    }
  },

  changeSettings(state: TenantState, profile: TenantProfile, input: ChangeSettingsInput) {
    allowed(state, 'change_settings', input);
    // The API refuses these at its edge; an Update from the Temporal UI or CLI meets them here.
    const invalid = (path: string, message: string) => refuse('validation_failed', message, { path });
    if (input.hris && input.hris.provider !== profile.hris.provider) {
      invalid('hris.provider', `The HR system cannot change from ${profile.hris.provider}: create a new tenant for ${input.hris.provider}.`);
    }
    if (input.platform && input.platform.kind !== profile.platform.kind) {
      invalid('platform.kind', `The platform cannot change from ${profile.platform.kind}: its accounts are linked to this one. Create a new tenant for another platform.`);
    }
    const baseUrl = (settings: { kind: string; baseUrl?: string }) => (settings.kind === 'scim' ? settings.baseUrl : undefined);
    if (input.platform && baseUrl(input.platform) !== baseUrl(profile.platform) && !input.platformTokenRef) {
      invalid('platform.token', "is required when the platform's baseUrl changes: a token is only ever sent to the address it was checked with.");
    }
    const sandbox = (settings: { kind: string; sandbox?: object }) => JSON.stringify(settings.kind === 'scim' ? settings.sandbox : undefined);
    if (input.platform && afterGoLive.includes(state.stage) && sandbox(input.platform) !== sandbox(profile.platform)) {
      invalid('platform.sandbox', 'cannot change once the tenant has gone live: every run goes to production.');
    }
    // A run reads the settings as it goes: an open test is stopped and started again, any other run must end first.
    if (state.activeSyncId && state.activeTrigger !== 'test' && touchesConnections(settingsChanges(profile, input))) {
      refuse('sync_in_progress', `Run ${state.activeSyncId} is open; change the HR system's or the platform's settings once it has finished, or cancel it.`, { syncId: state.activeSyncId });
    }
  },

  completeKickoff(state: TenantState, actor: Actor) {
    allowed(state, 'complete_kickoff', actor);
    if (!state.config) refuse('invalid_transition', refusal(state.stage, 'complete_kickoff', 'record the config first: PUT /api/tenants/:id/config'));
  },

  authorize: (state: TenantState, input: Actor) => allowed(state, 'authorize', input),
  revokeKey: (state: TenantState, actor: Actor) => allowed(state, 'revoke_key', actor),
  pause: (state: TenantState, actor: Actor) => allowed(state, 'pause', actor),
  offboard: (state: TenantState, actor: Actor) => allowed(state, 'offboard', actor),

  approveTest(state: TenantState, actor: Actor) {
    allowed(state, 'approve_test', actor);
    const test = state.lastTest;
    const why =
      state.activeTrigger === 'test' || state.testWanted
        ? 'a newer test has not finished yet'
        : !test
          ? 'no test has finished yet'
          : test.configVersionId !== state.configVersionId
            ? 'the config changed after the latest test'
            : test.status !== 'success' && test.status !== 'warning'
              ? `the latest test ended '${test.status}'`
              : undefined;
    if (why) refuse('test_not_approvable', `The test cannot be approved: ${why}. Approval needs the latest test to finish 'success' or 'warning' with the current config.`);
  },

  goLive(state: TenantState, input: GoLiveInput) {
    allowed(state, 'go_live', input);
    if (state.goLive?.status === 'loading') refuse('sync_in_progress', `The initial load (run ${state.goLive.syncId}) is running.`, { syncId: state.goLive.syncId ?? '' });
    if (input.at !== undefined && !Number.isFinite(Date.parse(input.at))) refuse('invalid_transition', refusal(state.stage, 'go_live', `'${input.at}' is not a time`));
  },

  resume(state: TenantState, actor: Actor) {
    allowed(state, 'resume', actor);
    needsKey(state, 'No verified HRIS key: enter one (POST /api/tenants/:id/credentials) or send the authorization link before resuming.');
  },

  sendWelcomes(state: TenantState, input: SendWelcomesInput) {
    allowed(state, 'send_welcomes', input);
    // Before go-live only an initial load that failed part-way can have created accounts.
    if (state.stage === 'ready' && !(state.goLive?.status === 'failed' && state.goLive.syncId)) {
      refuse('invalid_transition', refusal(state.stage, 'send_welcomes', 'no account has been created yet: the initial load has not run'));
    }
    if (state.goLive?.status === 'loading') refuse('sync_in_progress', `The initial load (run ${state.goLive.syncId}) is running; its accounts can be welcomed once it has finished.`, { syncId: state.goLive.syncId ?? '' });
    if (input.hrisIds !== undefined && input.syncId !== undefined) refuse('validation_failed', 'Give either hrisIds or syncId, not both.', { path: 'syncId' });
  },

  requestSync(state: TenantState, profile: TenantProfile, request: RequestSyncInput) {
    // A dry run changes nothing, so it may run wherever a test may (one person's, before go-live);
    // so may a trial load, an applying run before go-live that writes to the sandbox only.
    const trialLoad = request.mode === 'apply' && runTarget(profile.platform, state.stage, request.trigger) === 'sandbox';
    const operation = request.trigger === 'test' || request.mode === 'dry_run' || trialLoad ? 'start_test' : 'sync';
    allowed(state, operation, request, operation === 'sync' && !afterGoLive.includes(state.stage) ? 'a trial load before go-live needs a sandbox platform (platform.sandbox)' : undefined);
    needsKey(state, 'No verified HRIS key yet: enter one (POST /api/tenants/:id/credentials) or send the authorization link.');
    if (state.activeSyncId) refuse('sync_in_progress', `Run ${state.activeSyncId} is still open; wait for it to finish or cancel it.`, { syncId: state.activeSyncId });
  },
};
