// The tenant's Temporal Schedule, as its stage wants it: running while live, paused otherwise,
// from go-live until offboarding. Every call also repairs a schedule that drifted.
import { afterGoLive } from '../../common/stages';
import type { TenantState } from '../../common/tenant';
import { records } from '../activity-profiles';

export class TenantSchedule {
  constructor(
    private readonly tenantId: string,
    private readonly state: TenantState,
  ) {}

  /** From go-live on the tenant has a schedule. */
  exists(): boolean {
    return afterGoLive.includes(this.state.stage);
  }

  /** Brings the schedule to what the stage wants; `running` overrides the stage (the go-live makes it before the move). */
  async keep(note: string, running = this.state.stage === 'live'): Promise<void> {
    const { cron, timezone, jitterMinutes } = this.state.config!.schedule;
    await records.applySchedule({ tenantId: this.tenantId, cron, timezone, jitterMinutes, paused: !running, note });
  }

  /** Keeps it only where there is one. */
  async keepIfAny(note: string): Promise<void> {
    if (this.exists()) await this.keep(note);
  }

  /** Offboarding: the schedule goes, whether or not it existed. */
  drop(): Promise<void> {
    return records.deleteSchedule({ tenantId: this.tenantId });
  }
}
