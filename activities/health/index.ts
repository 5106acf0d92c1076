// Tenant health from where the facts are known (docs/PRODUCT.md "Tenant health"): a run's end, a
// hold, a mail that cannot be sent, and an hourly sweep for what no event says (stale, schedule_missing).
import { loggerFor } from '../../common/logger';

const log = loggerFor('activities');

export { recordHold, recordRunHealth } from './run-end';
export { notifyOpenedProblems, type HealthMailSettings } from './notices';

/**
 * Health is recorded beside the step that knows the facts, and never holds that step up: a run's
 * end or a mail's delivery matters more than its health record, which the next run re-derives.
 */
export async function recordHealth(step: string, context: Record<string, string>, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.warn('tenant health not recorded', { step, ...context, error: (error as Error).message });
  }
}
