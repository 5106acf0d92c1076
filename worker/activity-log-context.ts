// Every line an activity writes names its workflow and run, and the tenant and run it works for:
// from the workflow's id (tenant-<id>, sync-<id>) and the activity's input, whose `tenantId` and
// `syncId` are the workflows' own words for them.
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { withLogContext, type LogContextFields } from '../common/log-context';
import { syncWorkflowId, tenantWorkflowId } from '../common/workflow-ids';

const tenantPrefix = tenantWorkflowId('');
const syncPrefix = syncWorkflowId('');

const idAfter = (prefix: string, workflowId: string) => (workflowId.startsWith(prefix) ? workflowId.slice(prefix.length) : undefined);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What an activity's lines name: its workflow's ids, and the tenant and run from the workflow's id or the input. */
export function activityFields(workflowId: string | undefined, runId: string | undefined, input: unknown): LogContextFields {
  const named = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return {
    workflowId,
    runId,
    tenantId: text(named.tenantId) ?? (workflowId && idAfter(tenantPrefix, workflowId)),
    syncId: text(named.syncId) ?? (workflowId && idAfter(syncPrefix, workflowId)),
  };
}

export const activityLogContext: ActivityInterceptorsFactory = (ctx) => ({
  inbound: {
    execute: (input, next) => withLogContext(activityFields(ctx.info.workflowExecution?.workflowId, ctx.info.workflowExecution?.runId, input.args[0]), () => next(input)),
  },
});
