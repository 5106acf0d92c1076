// Going live and staying live (PRODUCT.md, lifecycle steps 4–5): the go-live at its time, the
// initial load, the tenant's Temporal Schedule kept as the stage wants it, scheduled fires turned
// into runs (or recorded as skipped), and a fresh authorization link when a live key is rejected.
import { condition, log, uuid4 } from '@temporalio/workflow';
import type { TenantEvent } from '../activities/tenant-records';
import { afterGoLive, type Stage } from '../common/stages';
import type { GoLive, TenantProfile, TenantState } from '../common/tenant';
import type { SyncOutcome } from './sync-messages';
import type { Actor, GoLiveInput, TenantSnapshot } from './tenant-messages';
import { failureMessage, mail, records } from './activity-profiles';
import type { tenantRuns } from './tenant-runs';

const { applySchedule, deleteSchedule, sealNewLinkToken, recordAuthorizationLink, queueLinkMail } = records;
const { deliverMail } = mail;

const LINK_VALID_HOURS = 168;
const SYSTEM: Actor = { actor: 'system' };

export interface LiveDeps {
  runs: ReturnType<typeof tenantRuns>;
  record(action: string, actor: Actor, fields?: Partial<TenantEvent>): Promise<TenantSnapshot>;
  moveTo(to: Stage, action: string, actor: Actor, fields?: Partial<TenantEvent>): Promise<TenantSnapshot>;
}

export function tenantLive(profile: TenantProfile, state: TenantState, { runs, record, moveTo }: LiveDeps) {
  const tenantId = profile.tenantId;

  /** The schedule as the stage wants it; `running` overrides the stage (the go-live creates it before the move). */
  const scheduleFor = (note: string, running = state.stage === 'live') => {
    const { cron, timezone, jitterMinutes } = state.config!.schedule;
    return { tenantId, cron, timezone, jitterMinutes, paused: !running, note };
  };
  const hasSchedule = () => afterGoLive.includes(state.stage);

  /** Brings the schedule to what the stage wants: also the repair of one that drifted. */
  const keepSchedule = async (note: string) => {
    if (hasSchedule()) await applySchedule(scheduleFor(note));
  };

  const sendFreshLink = async () => {
    if (!profile.contacts.hrisAdminEmail) return;
    const { tokenHash, tokenRef } = await sealNewLinkToken({ tenantId });
    const linkId = uuid4();
    const expiresAt = new Date(Date.now() + LINK_VALID_HOURS * 3_600_000).toISOString();
    await recordAuthorizationLink({ tenantId, linkId, tokenHash, expiresAt, createdBy: 'system', at: new Date().toISOString() });
    await queueLinkMail({ tenantId, linkId, tokenRef, expiresAt });
    void deliverMail({ tenantId }).catch(() => undefined);
  };

  /** A live tenant whose key stopped working: schedule paused, the HRIS admin sent a fresh link. */
  const needReauthorization = async (action: string, actor: Actor, fields: Partial<TenantEvent>) => {
    const answer = await moveTo('needs_reauthorization', action, actor, fields);
    await keepSchedule(`paused: ${action.replace('_', ' ')}`);
    await sendFreshLink();
    return answer;
  };

  return {
    hasSchedule,
    keepSchedule,
    needReauthorization,

    async requestGoLive({ at, inviteNewUsers, ...actor }: GoLiveInput) {
      const goLive: GoLive = { at: at ?? new Date().toISOString(), status: 'scheduled', requestedBy: actor.actor, ...(inviteNewUsers !== undefined && { inviteNewUsers }) };
      state.goLive = goLive;
      return record('go_live_scheduled', actor, { goLive });
    },

    /** Leaving `ready` drops a go-live still waiting for its time. */
    goLiveLeft: (): Partial<TenantEvent> => {
      if (state.goLive?.status !== 'scheduled') return {};
      state.goLive = undefined;
      return { goLive: null };
    },

    /** Runs for the tenant's whole life: each go-live waits for its time (a newer request replaces it), then loads. */
    async goLiveLoop(): Promise<never> {
      for (;;) {
        await condition(() => state.goLive?.status === 'scheduled');
        const request = state.goLive!;
        const replaced = () => state.goLive !== request;
        const wait = Date.parse(request.at) - Date.now();
        if (wait > 0) await condition(replaced, wait);
        // The initial load waits for an open test to end.
        await condition(() => replaced() || state.activeSyncId === undefined);
        if (replaced()) continue;
        request.status = 'loading';
        try {
          const { syncId } = await runs.start({ trigger: 'initial_load', mode: 'apply', actor: request.requestedBy, inviteNewUsers: request.inviteNewUsers });
          request.syncId = syncId;
          await record('initial_load_started', SYSTEM, { goLive: request });
        } catch (error) {
          // Support sees why in goLive and may ask again; the loop lives on for the next request.
          request.status = 'failed';
          request.reason = `The initial load could not start: ${failureMessage(error)}`;
          log.warn('initial load did not start', { error: request.reason });
        }
      }
    },

    /** The initial load's end: live with its schedule, or `ready` with the reason. True when the run was the initial load. */
    async initialLoadEnded(syncId: string, outcome: SyncOutcome): Promise<boolean> {
      const goLive = state.goLive;
      if (goLive?.syncId !== syncId) return false;
      const failed = async (reason: string) => {
        goLive.status = 'failed';
        goLive.reason = reason;
        await record('go_live_failed', { actor: 'system', reason }, { goLive });
        return true;
      };
      if (outcome.status !== 'success' && outcome.status !== 'warning') return failed(outcome.error?.message ?? `The initial load ended '${outcome.status}'.`);
      try {
        await applySchedule(scheduleFor('live since the initial load', true));
      } catch (error) {
        // Left `loading`, the go-live would refuse every later request.
        return failed(`The initial load succeeded, but the tenant's schedule could not be made: ${failureMessage(error)}`);
      }
      state.goLive = undefined;
      state.liveSince = new Date().toISOString();
      await moveTo('live', 'went_live', SYSTEM, { goLive: null, liveSince: state.liveSince });
      return true;
    },

    /** A fire of the schedule: a run, or a record of why not. */
    async scheduledFire({ firedAt }: { firedAt: string }) {
      const skip = (reason: string) => record('scheduled_run_skipped', { actor: 'schedule', reason: `Fired at ${firedAt}: ${reason}` });
      const fire = async () => {
        if (state.stage !== 'live') await skip(`the tenant is ${state.stage}.`);
        else if (state.activeSyncId) await skip(`run ${state.activeSyncId} was still open.`);
        else await runs.start({ trigger: 'schedule', mode: 'apply', actor: 'schedule', read: 'incremental' });
      };
      // A signal's failure would fail the whole tenant workflow: a fire that could not run is logged, and the next fire tries again.
      await fire().catch((error) => log.warn('scheduled fire failed', { firedAt, error: failureMessage(error) }));
    },

    /** Offboarding: the schedule goes, whether or not it existed. */
    dropSchedule: () => deleteSchedule({ tenantId }),
  };
}
