// What the tenant's Temporal Schedule starts at each fire: it only asks the tenant workflow for a
// run (docs/ARCHITECTURE.md principle 4), which starts it or records the fire as skipped. A tenant
// workflow that has gone (offboarded) has nothing to ask.
import { getExternalWorkflowHandle, workflowInfo } from '@temporalio/workflow';
import { tenantWorkflowId } from '../common/workflow-ids';
import { scheduledFireSignal } from './tenant-messages';

export async function scheduledRunWorkflow({ tenantId }: { tenantId: string }): Promise<void> {
  const firedAt = workflowInfo().startTime.toISOString();
  await getExternalWorkflowHandle(tenantWorkflowId(tenantId))
    .signal(scheduledFireSignal, { firedAt })
    .catch(() => undefined);
}
