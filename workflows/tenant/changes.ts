// Webhook events become runs (docs/PRODUCT.md "Webhooks"). The first wake-up opens a window; once
// it has passed and no run is open, one run of trigger `webhook` takes every event waiting, so a
// burst makes one run. Events that arrive while that run is open wake the workflow again, for the
// next one. The window's start is part of the state, so a continue-as-new keeps it.
import { condition, sleep } from '@temporalio/workflow';
import type { TenantState } from '../../common/tenant';
import { loggedFailure, records } from '../activity-profiles';
import type { RunRequest, TenantRuns } from './runs';

export class TenantChanges {
  constructor(
    private readonly state: TenantState,
    private readonly runs: TenantRuns,
    private readonly startRun: (request: RunRequest) => Promise<unknown>,
  ) {}

  /** A wake-up from the API: changes wait in the inbox (common/change-inbox.ts). */
  arrived(): void {
    this.state.changesWaiting ??= { since: new Date().toISOString() };
  }

  /** Runs for the tenant's whole life: each window that closes starts the run that reads its changes. */
  async loop(): Promise<never> {
    for (;;) {
      await condition(() => this.state.changesWaiting !== undefined);
      const { webhookWindowSeconds } = await records.runSettings();
      const closesAt = Date.parse(this.state.changesWaiting!.since) + webhookWindowSeconds * 1000;
      if (closesAt > Date.now()) await sleep(closesAt - Date.now());
      // A run already open (a scheduled one, the initial load) ends first; a paused tenant waits to be live.
      await condition(() => this.state.stage === 'live' && this.runs.idle());
      // Cleared in the same step as the run claims the tenant's one open run: nothing can come between.
      this.state.changesWaiting = undefined;
      await this.startRun({ trigger: 'webhook', mode: 'apply', actor: 'webhook', scope: { kind: 'changes' } }).catch(loggedFailure('starting the run for webhook changes'));
    }
  }
}
