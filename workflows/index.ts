export { tenantWorkflow } from './tenant/workflow';
export { syncRunWorkflow } from './sync-run';
export { scheduledRunWorkflow } from './scheduled-run';
export { tenantHealthWorkflow } from './tenant-health';
