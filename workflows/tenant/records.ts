// What the tenant workflow knows and how it records it: the state it carries across
// continue-as-new, its snapshot for queries and answers, and every decision written to Postgres
// (a stage change also moves the search attribute the Temporal UI filters on).
import { upsertSearchAttributes, uuid4 } from '@temporalio/workflow';
import type { TenantEvent } from '../../activities/tenant-records';
import { RosterStage } from '../../common/search-attributes';
import type { Stage } from '../../common/stages';
import type { TenantProfile, TenantState } from '../../common/tenant';
import { records } from '../activity-profiles';
import type { Actor, TenantSnapshot } from '../tenant-messages';

export class TenantRecords {
  constructor(
    readonly profile: TenantProfile,
    readonly state: TenantState,
  ) {}

  get tenantId(): string {
    return this.profile.tenantId;
  }

  snapshot(): TenantSnapshot {
    const { state } = this;
    return {
      tenantId: this.tenantId,
      stage: state.stage,
      configVersionId: state.configVersionId,
      credentialVerified: state.credential !== undefined,
      activeSyncId: state.activeSyncId,
      testPending: state.testWanted !== undefined || state.activeTrigger === 'test',
      goLive: state.goLive,
      changesWaiting: state.changesWaiting !== undefined,
      leaversDueAt: state.leaversDueAt,
      revision: state.revision,
    };
  }

  /** Records a decision in Postgres; answers the tenant as it is now. */
  async record(action: string, actor: Actor, fields: Partial<TenantEvent> = {}): Promise<TenantSnapshot> {
    this.state.revision += 1;
    const event: TenantEvent = {
      id: uuid4(),
      tenantId: this.tenantId,
      revision: this.state.revision,
      at: new Date().toISOString(),
      actor: actor.actor,
      reason: actor.reason,
      action,
      stage: this.state.stage,
      ...fields,
    };
    await records.recordTenantEvent(event);
    return this.snapshot();
  }

  /** Moves the stage and records why. Leaving `ready` drops a go-live still waiting for its time. */
  async moveTo(to: Stage, action: string, actor: Actor, fields: Partial<TenantEvent> = {}): Promise<TenantSnapshot> {
    const from = this.state.stage;
    if (from === 'ready' && to !== 'live' && this.state.goLive?.status === 'scheduled') {
      this.state.goLive = undefined;
      fields = { ...fields, goLive: null };
    }
    this.state.stage = to;
    upsertSearchAttributes([{ key: RosterStage, value: to }]);
    return this.record(action, actor, { from, to, ...fields });
  }
}
