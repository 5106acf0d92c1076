// One workflow per tenant, alive for the tenant's whole life: it is the truth about the
// tenant's stage. Every operation is a Workflow Update whose synchronous validator refuses what
// the stage does not allow (PRODUCT.md, "What each stage allows"), so the API can answer 409 at
// once without touching history.
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { TenantEvent } from '../activities/tenant-records';
import { RosterStage } from '../common/search-attributes';
import { afterGoLive, allows, refusal, type Operation, type Stage } from '../common/stages';
import { unstorablePath } from '../common/storable';
import { describeConfigChanges } from '../common/tenant-config/changes';
import type { TenantState, TenantWorkflowInput } from '../common/tenant';
import type { SyncOutcome } from './sync-messages';
import {
  approveTestUpdate,
  changeConfigUpdate,
  completeKickoffUpdate,
  goLiveUpdate,
  issueLinkUpdate,
  offboardUpdate,
  pauseUpdate,
  requestSyncUpdate,
  resumeUpdate,
  revokeCredentialUpdate,
  setCredentialUpdate,
  scheduledFireSignal,
  stateQuery,
  type Actor,
  type ChangeConfigInput,
  type GoLiveInput,
  type IssueLinkInput,
  type RefusalCode,
  type RequestSyncInput,
  type SetCredentialInput,
  type TenantSnapshot,
} from './tenant-messages';
import { mail, records } from './activity-profiles';
import { tenantLive } from './tenant-live';
import { tenantRuns } from './tenant-runs';
import { undoOnFailure } from './tenant-undo';

const { recordTenantEvent, recordAuthorizationLink, queueLinkMail, revokeAuthorizationLinks, destroyCredential, destroyTenantData } = records;
const { deliverMail } = mail;

/** Onboarding by the stage table: keys move the stage and start tests, runs' rejected keys move it back. */
const ONBOARDING = 'onboarding-stages';
/** Live tenants check their schedule now and then, and repair one that drifted. */
const RECONCILER = 'schedule-reconciler';
const RECONCILE_EVERY = '6 hours';


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
    testPending: state.testWanted !== undefined || state.activeTrigger === 'test',
    goLive: state.goLive,
    revision: state.revision,
  });

  /** Every validator's first check: what Postgres could not store is refused before anything changes. */
  const ensureStorable = (input: unknown) => {
    const path = unstorablePath(input);
    if (path) refuse('validation_failed', `'${path}' holds a NUL character, which Roster cannot store.`, { path });
  };
  const ensureAllowed = (operation: Operation, why?: string, input?: unknown) => {
    ensureStorable(input);
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

  const moveTo = async (to: Stage, action: string, actor: Actor, fields: Partial<TenantEvent> = {}): Promise<TenantSnapshot> => {
    const from = state.stage;
    if (from === 'ready' && to !== 'live') fields = { ...fields, ...live.goLiveLeft() };
    state.stage = to;
    upsertSearchAttributes([{ key: RosterStage, value: to }]);
    return record(action, actor, { from, to, ...fields });
  };

  /** Keys destroyed by this run of the workflow, which an Update that fails must not give back. */
  const destroyedKeys = new Set<string>();
  const destroyKey = async (ref: string) => {
    destroyedKeys.add(ref);
    await destroyCredential({ tenantId: profile.tenantId, ref });
  };
  const undoable = undoOnFailure(state, destroyedKeys);

  /** Forgets the key (and destroys it); a test waiting for it is dropped. */
  const dropCredential = async () => {
    const ref = state.credential?.ref;
    state.credential = undefined;
    state.testWanted = undefined;
    if (ref) await destroyKey(ref);
  };

  /** PRODUCT.md's last table row: a run that met a rejected key. */
  const afterRun = async (syncId: string, outcome: SyncOutcome) => {
    await live.initialLoadEnded(syncId, outcome);
    if (outcome.error?.code !== 'credentials_rejected' || !state.credential || !patched(ONBOARDING)) return;
    const actor = { actor: 'system', reason: `The HR system rejected the key during run ${syncId}.` };
    await dropCredential();
    const credential = { status: 'rejected' as const };
    if (state.stage === 'testing' || state.stage === 'ready') await moveTo('authorization', 'credential_rejected', actor, { credential });
    else if (state.stage === 'live') await live.needReauthorization('credential_rejected', actor, { credential });
    else await record('credential_rejected', actor, { credential });
  };

  /** Every summary also goes to support for the initial load and for `hypercareDays` after go-live. */
  const hypercare = (trigger: string) =>
    trigger === 'initial_load' || (state.liveSince !== undefined && Date.now() < Date.parse(state.liveSince) + (state.config?.hypercareDays ?? 14) * 86_400_000);

  const runs = tenantRuns(profile, state, afterRun, hypercare);
  const live = tenantLive(profile, state, { runs, record, moveTo });

  setHandler(stateQuery, snapshot);

  setHandler(
    changeConfigUpdate,
    undoable(async ({ config, warnings, ...actor }: ChangeConfigInput) => {
      const changes = describeConfigChanges(state.config, config);
      state.config = config;
      state.configVersionId = uuid4();
      const fields = { changes, configVersion: { id: state.configVersionId, config, warnings } };
      if (live.hasSchedule()) {
        const answer = await record('config_changed', actor, fields);
        await live.keepSchedule('the config changed');
        return answer;
      }
      if (!patched(ONBOARDING) || (state.stage !== 'testing' && state.stage !== 'ready')) return record('config_changed', actor, fields);
      // A test must show what the new config does before it can be approved.
      const answer = state.stage === 'ready' ? await moveTo('testing', 'config_changed', actor, fields) : await record('config_changed', actor, fields);
      await runs.wantTest({ actor: 'system', reason: 'the config changed' });
      return answer;
    }),
    {
      validator: (input: ChangeConfigInput) => {
        ensureAllowed('change_config', undefined, input);
        const { config } = input;
        if (state.config && afterGoLive.includes(state.stage) && config.identityKey !== state.config.identityKey) {
          refuse('identity_key_locked', `The identity key cannot change once the tenant is live: it stays '${state.config.identityKey}'.`);
        }
        if (state.stage === 'ready' && state.activeSyncId && state.activeTrigger !== 'test') {
          refuse('sync_in_progress', `Run ${state.activeSyncId} (the initial load) is running; change the config once it has finished.`, { syncId: state.activeSyncId });
        }
      },
    },
  );

  setHandler(completeKickoffUpdate, undoable((actor: Actor) => moveTo('authorization', 'kickoff_completed', actor)), {
    validator: (actor: Actor) => {
      ensureAllowed('complete_kickoff', undefined, actor);
      if (!state.config) refuse('invalid_transition', refusal(state.stage, 'complete_kickoff', 'record the config first: PUT /api/tenants/:id/config'));
    },
  });

  setHandler(
    issueLinkUpdate,
    undoable(async ({ linkId, tokenHash, expiresAt, tokenRef, ...actor }: IssueLinkInput) => {
      const at = new Date().toISOString();
      await recordAuthorizationLink({ tenantId: profile.tenantId, linkId, tokenHash, expiresAt, createdBy: actor.actor, at });
      const answer = await record('authorization_link_issued', actor);
      if (tokenRef) {
        await queueLinkMail({ tenantId: profile.tenantId, linkId, tokenRef, expiresAt });
        void deliverMail({ tenantId: profile.tenantId }).catch(() => undefined);
      }
      return answer;
    }),
    { validator: (input: IssueLinkInput) => ensureAllowed('authorize', undefined, input) },
  );

  setHandler(
    setCredentialUpdate,
    undoable(async ({ credentialRef, ...actor }: SetCredentialInput) => {
      const replaced = state.credential?.ref;
      state.credential = { ref: credentialRef, verifiedAt: new Date().toISOString() };
      const credential = { status: 'verified' as const, verifiedAt: state.credential.verifiedAt };
      if (!patched(ONBOARDING)) return record('credential_verified', actor, { credential });
      if (replaced) await destroyKey(replaced);
      if (state.stage === 'authorization') {
        const answer = await moveTo('testing', 'credential_verified', actor, { credential });
        await runs.wantTest({ actor: 'system', reason: 'a key was verified' });
        return answer;
      }
      if (state.stage === 'needs_reauthorization') {
        const answer = await moveTo('live', 'credential_verified', actor, { credential });
        await live.keepSchedule('resumed: a new key was verified');
        return answer;
      }
      const answer = await record(replaced ? 'credential_replaced' : 'credential_verified', actor, { credential });
      if (state.stage === 'testing') await runs.wantTest({ actor: 'system', reason: 'the key was replaced' });
      return answer;
    }),
    { validator: (input: SetCredentialInput) => ensureAllowed('authorize', undefined, input) },
  );

  setHandler(
    revokeCredentialUpdate,
    undoable(async (actor: Actor) => {
      if (state.activeTrigger === 'test') await runs.supersede({ actor: 'system', reason: 'the key was revoked' });
      await dropCredential();
      const credential = { status: 'missing' as const };
      if (state.stage === 'testing' || state.stage === 'ready') return moveTo('authorization', 'credential_revoked', actor, { credential });
      if (state.stage === 'live') return live.needReauthorization('credential_revoked', actor, { credential });
      return record('credential_revoked', actor, { credential });
    }),
    { validator: (actor: Actor) => ensureAllowed('revoke_key', undefined, actor) },
  );

  setHandler(approveTestUpdate, undoable((actor: Actor) => moveTo('ready', 'test_approved', actor)), {
    validator: (actor: Actor) => {
      ensureAllowed('approve_test', undefined, actor);
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
  });

  setHandler(goLiveUpdate, undoable((input: GoLiveInput) => live.requestGoLive(input)), {
    validator: (input: GoLiveInput) => {
      ensureAllowed('go_live', undefined, input);
      const { at } = input;
      if (state.goLive?.status === 'loading') refuse('sync_in_progress', `The initial load (run ${state.goLive.syncId}) is running.`, { syncId: state.goLive.syncId ?? '' });
      if (at !== undefined && !Number.isFinite(Date.parse(at))) refuse('invalid_transition', refusal(state.stage, 'go_live', `'${at}' is not a time`));
    },
  });

  setHandler(
    pauseUpdate,
    undoable(async (actor: Actor) => {
      const answer = await moveTo('paused', 'paused', actor);
      await live.keepSchedule(`paused by ${actor.actor}${actor.reason ? `: ${actor.reason}` : ''}`);
      return answer;
    }),
    { validator: (actor: Actor) => ensureAllowed('pause', undefined, actor) },
  );

  setHandler(
    resumeUpdate,
    undoable(async (actor: Actor) => {
      const answer = await moveTo('live', 'resumed', actor);
      await live.keepSchedule(`resumed by ${actor.actor}`);
      return answer;
    }),
    {
      validator: (actor: Actor) => {
        ensureAllowed('resume', undefined, actor);
        if (!state.credential) refuse('credentials_missing', 'No verified HRIS key: enter one (POST /api/tenants/:id/credentials) or send the authorization link before resuming.');
      },
    },
  );

  setHandler(
    offboardUpdate,
    undoable(async (actor: Actor) => {
      if (state.stage === 'offboarded') return snapshot();
      state.testWanted = undefined;
      const answer = await moveTo('offboarded', 'offboarded', actor);
      await runs.supersede({ actor: 'system', reason: 'the tenant was offboarded' });
      return answer;
    }),
    { validator: (actor: Actor) => ensureAllowed('offboard', undefined, actor) },
  );

  setHandler(
    requestSyncUpdate,
    undoable((request: RequestSyncInput) => runs.start(request)),
    {
      validator: (request: RequestSyncInput) => {
        ensureAllowed(request.trigger === 'test' ? 'start_test' : 'sync', undefined, request);
        if (!state.credential) refuse('credentials_missing', 'No verified HRIS key yet: enter one (POST /api/tenants/:id/credentials) or send the authorization link.');
        if (state.activeSyncId) refuse('sync_in_progress', `Run ${state.activeSyncId} is still open; wait for it to finish or cancel it.`, { syncId: state.activeSyncId });
      },
    },
  );

  setHandler(scheduledFireSignal, (fire) => live.scheduledFire(fire));

  // Mail still queued when the previous run continued as new (its delivery was cut short).
  if (carried) void deliverMail({ tenantId: profile.tenantId }).catch(() => undefined);

  // Live for years: hand the state to a fresh run before the history grows large, never while a
  // sync run is open (its end must reach this run) or a test waits to start.
  const mayContinueAsNew = () => workflowInfo().continueAsNewSuggested && runs.idle() && state.testWanted === undefined && state.goLive?.status !== 'loading';
  void live.goLiveLoop();
  for (;;) {
    const due = () => state.stage === 'offboarded' || runs.testDue() || mayContinueAsNew();
    // A schedule that drifted (deleted by hand, paused in the UI, an old spec) is put right.
    if (live.hasSchedule() && patched(RECONCILER)) {
      if (!(await condition(due, RECONCILE_EVERY))) await live.keepSchedule('repaired by Roster');
      if (!due()) continue;
    } else await condition(due);
    if (state.stage === 'offboarded') break;
    if (runs.testDue()) await runs.startWantedTest();
    else {
      // A request that came in meanwhile started a run: hand over after it instead.
      await condition(allHandlersFinished);
      if (mayContinueAsNew()) break;
    }
  }

  if (state.stage === 'offboarded') {
    // Its open run ends first (superseded), so its final status is written before keys and data go.
    await condition(runs.idle);
    state.credential = undefined;
    await live.dropSchedule();
    await revokeAuthorizationLinks({ tenantId: profile.tenantId, reason: 'offboarded', at: new Date().toISOString() });
    await destroyTenantData({ tenantId: profile.tenantId });
    await condition(allHandlersFinished);
    return;
  }
  await continueAsNew<typeof tenantWorkflow>({ profile, state });
}
