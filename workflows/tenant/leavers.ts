// Leavers on time (docs/PRODUCT.md "Leavers on time"): a durable timer until the end of the next
// leaver's last day in the tenant's timezone, then a run that reads only the people whose last day
// has ended. Each run's end asks again when that is (the reads keep the end dates), so a moved or
// cancelled end date moves or drops the timer; the due time is part of the state and survives a
// continue-as-new.
import { condition } from '@temporalio/workflow';
import type { TenantState } from '../../common/tenant';
import { loggedFailure, records } from '../activity-profiles';
import type { RunRequest, TenantRuns } from './runs';

export class TenantLeavers {
  constructor(
    private readonly tenantId: string,
    private readonly state: TenantState,
    private readonly runs: TenantRuns,
    private readonly startRun: (request: RunRequest) => Promise<unknown>,
  ) {}

  /** After every run: when the next last day ends, as the reads left it. */
  async refresh(): Promise<void> {
    const configVersionId = this.state.configVersionId;
    if (!configVersionId) return;
    const { at } = await records.nextEndOfDay({ tenantId: this.tenantId, configVersionId });
    this.state.leaversDueAt = at;
  }

  /** Runs for the tenant's whole life: each due time that passes unchanged starts the leavers' run. */
  async loop(): Promise<never> {
    for (;;) {
      const dueAt = this.state.leaversDueAt;
      const moved = () => this.state.leaversDueAt !== dueAt;
      if (dueAt === undefined || (await condition(moved, Math.max(1, Date.parse(dueAt) - Date.now())))) {
        await condition(moved);
        continue;
      }
      await condition(() => moved() || (this.state.stage === 'live' && this.runs.idle()));
      if (moved()) continue;
      // Cleared in the same step as the run claims the tenant's one open run; its end sets the next.
      this.state.leaversDueAt = undefined;
      await this.startRun({ trigger: 'end_of_day', mode: 'apply', actor: 'end of day', scope: { kind: 'leavers' } }).catch(loggedFailure("starting the leavers' run"));
    }
  }
}
