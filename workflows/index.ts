export { tenantWorkflow } from './tenant';
export { syncRunWorkflow } from './sync-run';
