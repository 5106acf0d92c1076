// One workflow per tenant, alive for the tenant's whole life: it is the truth about the
// tenant's stage. Every operation is a Workflow Update whose synchronous validator refuses what
// the stage does not allow, so the API can answer 409 at once without touching history.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TenantEvent } from '../activities/tenant-records';
import { RosterStage, RosterTenantId } from '../common/search-attributes';
import { syncWorkflowId } from '../common/sync-run';
import { allows, refusal, type Operation, type Stage } from '../common/stages';
import { describeConfigChanges } from '../common/tenant-config/changes';
import type { TenantState, TenantWorkflowInput } from '../common/tenant';
import type { SyncOutcome } from './sync-messages';
import { syncRunWorkflow } from './sync-run';
import {
  changeConfigUpdate,
  completeKickoffUpdate,
  requestSyncUpdate,
  setCredentialUpdate,
  stateQuery,
  type Actor,
  type RefusalCode,
  type RequestSyncInput,
  type SetCredentialInput,
  type TenantSnapshot,
} from './tenant-messages';

const { recordTenantEvent, createSyncRun, finishSyncRun, queueRunMail, purgeRunData } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});
// Mail waits for an SMTP server for as long as a day; the outbox keeps it meanwhile.
const { deliverMail } = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '30 minutes', maximumAttempts: 60 },
});

const identityKeyLockedStages: Stage[] = ['live', 'paused', 'needs_reauthorization'];

function refuse(code: RefusalCode, message: string, details?: Record<string, string>): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : undefined });
}

export async function tenantWorkflow({ profile, state: carried }: TenantWorkflowInput): Promise<void> {
  const state: TenantState = carried ?? { stage: 'kickoff', revision: 0 };

  const snapshot = (): TenantSnapshot => ({
    tenantId: profile.tenantId,
    stage: state.stage,
    configVersionId: state.configVersionId,
    credentialVerified: state.credential !== undefined,
    activeSyncId: state.activeSyncId,
    revision: state.revision,
  });

  const ensureAllowed = (operation: Operation, why?: string) => {
    if (!allows(state.stage, operation)) refuse('invalid_transition', refusal(state.stage, operation, why));
  };

  /** Records a decision in Postgres; stage changes also move the search attribute. */
  const record = async (action: string, actor: Actor, fields: Partial<TenantEvent> = {}): Promise<TenantSnapshot> => {
    state.revision += 1;
    const event: TenantEvent = {
      id: uuid4(),
      tenantId: profile.tenantId,
      revision: state.revision,
      at: new Date().toISOString(),
      actor: actor.actor,
      reason: actor.reason,
      action,
      stage: state.stage,
      ...fields,
    };
    await recordTenantEvent(event);
    return snapshot();
  };

  const moveTo = async (to: Stage, action: string, actor: Actor): Promise<TenantSnapshot> => {
    const from = state.stage;
    state.stage = to;
    upsertSearchAttributes([{ key: RosterStage, value: to }]);
    return record(action, actor, { from, to });
  };

  setHandler(stateQuery, snapshot);

  setHandler(
    changeConfigUpdate,
    async ({ config, warnings, ...actor }) => {
      const changes = describeConfigChanges(state.config, config);
      state.config = config;
      state.configVersionId = uuid4();
      return record('config_changed', actor, { changes, configVersion: { id: state.configVersionId, config, warnings } });
    },
    {
      validator: ({ config }) => {
        ensureAllowed('change_config');
        if (state.config && identityKeyLockedStages.includes(state.stage) && config.identityKey !== state.config.identityKey) {
          refuse('identity_key_locked', `The identity key cannot change once the tenant is live: it stays '${state.config.identityKey}'.`);
        }
      },
    },
  );

  setHandler(completeKickoffUpdate, (actor: Actor) => moveTo('authorization', 'kickoff_completed', actor), {
    validator: (_actor: Actor) => {
      ensureAllowed('complete_kickoff');
      if (!state.config) refuse('invalid_transition', refusal(state.stage, 'complete_kickoff', 'record the config first: PUT /api/tenants/:id/config') );
    },
  });

  setHandler(
    setCredentialUpdate,
    async ({ credentialRef, ...actor }) => {
      state.credential = { ref: credentialRef, verifiedAt: new Date().toISOString() };
      return record('credential_verified', actor, { credential: { status: 'verified', verifiedAt: state.credential.verifiedAt } });
    },
    { validator: (_input: SetCredentialInput) => ensureAllowed('authorize') },
  );

  /** Runs whose end is recorded but whose final status is still being written. */
  let finishing = 0;

  /** Waits for a run to end, records its end, and only then writes its final status. */
  const followRun = async (syncId: string, invites: boolean, result: Promise<SyncOutcome>) => {
    let outcome: SyncOutcome;
    try {
      outcome = await result;
    } catch {
      outcome = { status: 'error', error: { code: 'run_failed', message: 'The run stopped unexpectedly; nothing further was applied. Its workflow in the Temporal UI says why.' } };
    }
    finishing += 1;
    state.activeSyncId = undefined;
    state.lastSync = { id: syncId, status: outcome.status, errorCode: outcome.error?.code };
    const finishedAt = new Date().toISOString();
    await finishSyncRun({ syncId, tenantId: profile.tenantId, status: outcome.status, error: outcome.error, at: finishedAt });
    await queueRunMail({ syncId, tenantId: profile.tenantId, status: outcome.status, error: outcome.error, finishedAt, welcomes: invites, hypercare: false });
    await purgeRunData({ tenantId: profile.tenantId, now: finishedAt });
    finishing -= 1;
    await deliverMail({ tenantId: profile.tenantId }).catch(() => undefined);
  };

  setHandler(
    requestSyncUpdate,
    async ({ trigger, mode, actor }: RequestSyncInput) => {
      // Claimed before the first await, so a second request is refused at once.
      const syncId = uuid4();
      state.activeSyncId = syncId;
      const config = state.config!;
      const { approvalTimeoutHours } = await createSyncRun({ syncId, tenantId: profile.tenantId, trigger, mode, configVersionId: state.configVersionId!, requestedBy: actor, at: new Date().toISOString() });
      const run = await startChild(syncRunWorkflow, {
        workflowId: syncWorkflowId(syncId),
        typedSearchAttributes: [{ key: RosterTenantId, value: profile.tenantId }],
        args: [
          {
            syncId,
            tenantId: profile.tenantId,
            trigger,
            mode,
            configVersionId: state.configVersionId!,
            credentialRef: state.credential!.ref,
            timezone: config.schedule.timezone,
            adoptExistingAccounts: config.adoptExistingAccounts && (trigger === 'initial_load' || trigger === 'test'),
            inviteNewUsers: config.inviteNewUsers && mode === 'apply',
            approvalTimeoutHours,
          },
        ],
      });
      void followRun(syncId, config.inviteNewUsers && mode === 'apply', run.result());
      return { syncId };
    },
    {
      validator: (_input: RequestSyncInput) => {
        if (state.stage === 'kickoff' || state.stage === 'offboarded') refuse('invalid_transition', refusal(state.stage, 'sync'));
        if (!state.credential) refuse('credentials_missing', 'No verified HRIS key yet: enter one (POST /api/tenants/:id/credentials) or send the authorization link.');
        if (state.activeSyncId) refuse('sync_in_progress', `Run ${state.activeSyncId} is still open; wait for it to finish or cancel it.`, { syncId: state.activeSyncId });
      },
    },
  );

  // Mail still queued when the previous run continued as new (its delivery was cut short).
  if (carried) void deliverMail({ tenantId: profile.tenantId }).catch(() => undefined);

  // Live for years: hand the state to a fresh run before the history grows large, never while a
  // sync run is open (its end must reach this run).
  await condition(() => workflowInfo().continueAsNewSuggested && state.activeSyncId === undefined && finishing === 0);
  await condition(allHandlersFinished);
  await continueAsNew<typeof tenantWorkflow>({ profile, state });
}
