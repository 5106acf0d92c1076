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
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { TenantEvent } from '../activities/tenant-records';
import { RosterStage } from '../common/search-attributes';
import { allows, refusal, type Operation, type Stage } from '../common/stages';
import { describeConfigChanges } from '../common/tenant-config/changes';
import type { TenantState, TenantWorkflowInput } from '../common/tenant';
import {
  changeConfigUpdate,
  completeKickoffUpdate,
  stateQuery,
  type Actor,
  type RefusalCode,
  type TenantSnapshot,
} from './tenant-messages';

const { recordTenantEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

const identityKeyLockedStages: Stage[] = ['live', 'paused', 'needs_reauthorization'];

function refuse(code: RefusalCode, message: string): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true });
}

export async function tenantWorkflow({ profile, state: carried }: TenantWorkflowInput): Promise<void> {
  const state: TenantState = carried ?? { stage: 'kickoff', revision: 0 };

  const snapshot = (): TenantSnapshot => ({
    tenantId: profile.tenantId,
    stage: state.stage,
    configVersionId: state.configVersionId,
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

  // Live for years: hand the state to a fresh run before the history grows large.
  await condition(() => workflowInfo().continueAsNewSuggested);
  await condition(allHandlersFinished);
  await continueAsNew<typeof tenantWorkflow>({ profile, state });
}
