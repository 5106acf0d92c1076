// One workflow per tenant, alive for the tenant's whole life: it is the truth about the tenant's
// stage. Every operation is a Workflow Update whose validator refuses what the stage does not
// allow, so the API can answer at once without touching history; the work is the Tenant's.
import { allHandlersFinished, condition, continueAsNew, setHandler, workflowInfo } from '@temporalio/workflow';
import type { TenantWorkflowInput } from '../../common/tenant';
import { sendMailSoon } from '../activity-profiles';
import {
  approveTestUpdate,
  changeConfigUpdate,
  changesArrivedSignal,
  changeSettingsUpdate,
  completeKickoffUpdate,
  goLiveUpdate,
  issueLinkUpdate,
  offboardUpdate,
  pauseUpdate,
  requestSyncUpdate,
  resumeUpdate,
  revokeCredentialUpdate,
  scheduledFireSignal,
  sendWelcomesUpdate,
  setCredentialUpdate,
  stateQuery,
} from '../tenant-messages';
import { CONTINUE_AS_NEW_AFTER_EVENTS } from './history-bound';
import { Tenant } from './tenant';
import { validators as valid } from './validators';

/** Live tenants check their schedule now and then, and repair one that drifted. */
const RECONCILE_EVERY = '6 hours';

export async function tenantWorkflow({ profile, state: carried }: TenantWorkflowInput): Promise<void> {
  const tenant = new Tenant(profile, carried);
  const { state, runs } = tenant;

  setHandler(stateQuery, () => tenant.records.snapshot());
  setHandler(changeConfigUpdate, tenant.changeConfig, { validator: (input) => valid.changeConfig(state, input) });
  setHandler(changeSettingsUpdate, tenant.changeSettings, { validator: (input) => valid.changeSettings(state, tenant.profile, input) });
  setHandler(completeKickoffUpdate, tenant.completeKickoff, { validator: (actor) => valid.completeKickoff(state, actor) });
  setHandler(issueLinkUpdate, tenant.issueLink, { validator: (input) => valid.authorize(state, input) });
  setHandler(setCredentialUpdate, tenant.setCredential, { validator: (input) => valid.authorize(state, input) });
  setHandler(revokeCredentialUpdate, tenant.revokeCredential, { validator: (actor) => valid.revokeKey(state, actor) });
  setHandler(approveTestUpdate, tenant.approveTest, { validator: (actor) => valid.approveTest(state, actor) });
  setHandler(goLiveUpdate, tenant.goLive, { validator: (input) => valid.goLive(state, input) });
  setHandler(pauseUpdate, tenant.pause, { validator: (actor) => valid.pause(state, actor) });
  setHandler(resumeUpdate, tenant.resume, { validator: (actor) => valid.resume(state, actor) });
  setHandler(offboardUpdate, tenant.offboard, { validator: (actor) => valid.offboard(state, actor) });
  setHandler(requestSyncUpdate, tenant.requestSync, { validator: (request) => valid.requestSync(state, tenant.profile, request) });
  setHandler(sendWelcomesUpdate, tenant.sendWelcomes, { validator: (input) => valid.sendWelcomes(state, input) });
  setHandler(scheduledFireSignal, (fire) => tenant.scheduledFire(fire));
  setHandler(changesArrivedSignal, () => tenant.changes.arrived());

  // Mail still queued when the previous run continued as new (its delivery was cut short).
  if (carried) sendMailSoon(profile.tenantId);
  void tenant.goLiveLoop();
  void tenant.changes.loop();
  void tenant.leavers.loop();

  // Live for years: hand the state to a fresh run before the history grows long, never while a
  // sync run is open (its end must reach this run) or a test waits to start.
  const historyLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= CONTINUE_AS_NEW_AFTER_EVENTS;
  const mayContinueAsNew = () => historyLong() && runs.idle() && state.testWanted === undefined && state.goLive?.status !== 'loading';
  const due = () => state.stage === 'offboarded' || runs.testDue() || mayContinueAsNew();
  for (;;) {
    // A schedule that drifted (deleted by hand, paused in the UI, an old spec) is put right.
    const woken = tenant.schedule.exists() ? await condition(due, RECONCILE_EVERY) : await condition(due).then(() => true);
    if (!woken) {
      await tenant.schedule.keep('repaired by Roster');
      await tenant.keepWebhook();
    }
    else if (state.stage === 'offboarded') break;
    else if (runs.testDue()) await tenant.startWantedTest();
    else {
      // A request that came in meanwhile started a run: hand over after it instead.
      await condition(allHandlersFinished);
      if (mayContinueAsNew()) break;
    }
  }

  if (state.stage === 'offboarded') {
    // Its open run ends first (superseded), so its final status is written before keys and data go.
    await condition(() => runs.idle());
    await tenant.close();
    await condition(allHandlersFinished);
    return;
  }
  await continueAsNew<typeof tenantWorkflow>({ profile, state });
}
