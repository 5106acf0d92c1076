// Going live (docs/PRODUCT.md "The tenant lifecycle", steps 4–5): a go-live waits for its time
// (a newer request replaces it) and for an open test to end; the initial load's end makes the
// tenant live with its schedule, or leaves it `ready` with the reason.
import { condition } from '@temporalio/workflow';
import type { GoLive as GoLiveRequest, TenantState } from '../../common/tenant';
import { failureMessage } from '../activity-profiles';
import type { SyncOutcome } from '../sync-messages';
import type { Actor, GoLiveInput, TenantSnapshot } from '../tenant-messages';
import type { TenantRecords } from './records';
import type { TenantSchedule } from './schedule';

const SYSTEM: Actor = { actor: 'system' };

export class GoLive {
  private readonly state: TenantState;

  constructor(
    private readonly records: TenantRecords,
    private readonly schedule: TenantSchedule,
  ) {
    this.state = records.state;
  }

  request({ at, inviteNewUsers, ...actor }: GoLiveInput): Promise<TenantSnapshot> {
    const goLive: GoLiveRequest = { at: at ?? new Date().toISOString(), status: 'scheduled', requestedBy: actor.actor, ...(inviteNewUsers !== undefined && { inviteNewUsers }) };
    this.state.goLive = goLive;
    return this.records.record('go_live_scheduled', actor, { goLive });
  }

  /** The next go-live whose time has come, once no run is open; undefined when a newer request replaced it meanwhile. */
  async due(): Promise<GoLiveRequest | undefined> {
    await condition(() => this.state.goLive?.status === 'scheduled');
    const request = this.state.goLive!;
    const replaced = () => this.state.goLive !== request;
    const wait = Date.parse(request.at) - Date.now();
    if (wait > 0) await condition(replaced, wait);
    // The initial load waits for an open test to end.
    await condition(() => replaced() || this.state.activeSyncId === undefined);
    return replaced() ? undefined : request;
  }

  /** The initial load has started; for a tenant with a sandbox, the history says its runs have moved to production. */
  async loading(request: GoLiveRequest, syncId: string): Promise<void> {
    request.syncId = syncId;
    const { platform } = this.records.profile;
    const moved = platform.kind === 'scim' && platform.sandbox !== undefined;
    const actor: Actor = moved ? { actor: 'system', reason: 'The target moved from the sandbox platform to production: the initial load and every run after it write to production.' } : SYSTEM;
    await this.records.record('initial_load_started', actor, { goLive: request });
  }

  /** Support sees why in goLive and may ask again. */
  async failed(request: GoLiveRequest, reason: string): Promise<true> {
    request.status = 'failed';
    request.reason = reason;
    await this.records.record('go_live_failed', { actor: 'system', reason }, { goLive: request });
    return true;
  }

  /** The initial load's end: live with its schedule, or `ready` with the reason. True when the run was the initial load. */
  async initialLoadEnded(syncId: string, outcome: SyncOutcome): Promise<boolean> {
    const request = this.state.goLive;
    if (request?.syncId !== syncId) return false;
    if (outcome.status !== 'success' && outcome.status !== 'warning') return this.failed(request, outcome.error?.message ?? `The initial load ended '${outcome.status}'.`);
    try {
      await this.schedule.keep('live since the initial load', true);
    } catch (error) {
      // Left `loading`, the go-live would refuse every later request.
      return this.failed(request, `The initial load succeeded, but the tenant's schedule could not be made: ${failureMessage(error)}`);
    }
    this.state.goLive = undefined;
    this.state.liveSince = new Date().toISOString();
    await this.records.moveTo('live', 'went_live', SYSTEM, { goLive: null, liveSince: this.state.liveSince });
    return true;
  }
}
