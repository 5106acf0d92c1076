export { tenantWorkflow } from './tenant';
export { syncRunWorkflow } from './sync-run';
export { scheduledRunWorkflow } from './scheduled-run';
