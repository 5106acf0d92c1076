// The tenants' operations of the published contract: create, list, read, config and kick-off
// (routes/tenants.ts), and the lifecycle beyond (routes/lifecycle.ts).
import { goLiveBody, noteBody, reasonBody } from '../routes/lifecycle';
import { kickoffBody, tenantListQuery, tenantListSchema } from '../routes/tenants';
import { tenantInputSchema } from '../tenant-input';
import { configSchema, tenantSchema } from '../tenant-view';
import { drivesWorkflow, type Operation } from './operation';

const tag = 'Tenants';
const tenant = (description: string) => ({ 200: { description, json: tenantSchema } });
const updates = { tag, ...drivesWorkflow } as const;

export const tenantOperations: Operation[] = [
  {
    ...updates,
    method: 'post',
    path: '/api/tenants',
    id: 'createTenant',
    summary: 'Create a tenant',
    description: 'The tenant starts in `kickoff`, without a config. A retried create never makes a second workflow: an id ever taken answers 409 `tenant_exists`, whatever the body.',
    body: { schema: tenantInputSchema(false) },
    answers: { 201: { description: 'The new tenant, in `kickoff`.', json: tenantSchema } },
    errors: ['validation_failed', 'tenant_exists'],
  },
  {
    tag,
    method: 'get',
    path: '/api/tenants',
    id: 'listTenants',
    summary: 'List tenants',
    role: 'viewer',
    query: tenantListQuery,
    answers: { 200: { description: 'Every tenant, or those in one stage, by id.', json: tenantListSchema } },
    errors: ['validation_failed'],
  },
  { tag, method: 'get', path: '/api/tenants/{id}', id: 'getTenant', summary: 'Read a tenant', role: 'viewer', answers: tenant('The tenant.') },
  {
    ...updates,
    method: 'put',
    path: '/api/tenants/{id}/config',
    id: 'putConfig',
    summary: 'Record the config',
    description: 'The whole config (docs/API.md "Config"), replacing the previous one. A schedule time a daylight-saving change skips or repeats is accepted with a `warnings` entry.',
    body: { schema: configSchema },
    answers: tenant('The tenant with its new config and warnings.'),
    errors: ['validation_failed', 'invalid_transition', 'identity_key_locked', 'sync_in_progress'],
  },
  {
    ...updates,
    method: 'post',
    path: '/api/tenants/{id}/kickoff/complete',
    id: 'completeKickoff',
    summary: 'Complete kick-off',
    description: 'The tenant moves to `authorization`; a CSV tenant with an accepted users.csv moves on to `testing`.',
    body: { schema: kickoffBody },
    answers: tenant('The tenant after kick-off.'),
    errors: ['validation_failed', 'invalid_transition', 'hris_misconfigured'],
  },
  {
    ...updates,
    method: 'post',
    path: '/api/tenants/{id}/test/approve',
    id: 'approveTest',
    summary: 'Approve the test',
    description: 'Needs the latest test to have finished `success` or `warning` with the current config; the tenant moves to `ready`.',
    body: { schema: noteBody },
    answers: tenant('The tenant in `ready`.'),
    errors: ['validation_failed', 'invalid_transition', 'test_not_approvable'],
  },
  {
    ...updates,
    method: 'post',
    path: '/api/tenants/{id}/go-live',
    id: 'goLive',
    summary: 'Go live',
    description:
      'Starts the initial load at `at` (now when absent); a newer request replaces a waiting one. The tenant stays `ready`, with `goLive`, until the initial load has finished `success` or `warning` and its schedule exists.',
    body: { schema: goLiveBody },
    answers: tenant('The tenant, still `ready`, with its `goLive`.'),
    errors: ['validation_failed', 'invalid_transition', 'sync_in_progress'],
  },
  {
    ...updates,
    method: 'post',
    path: '/api/tenants/{id}/pause',
    id: 'pauseTenant',
    summary: 'Pause',
    description: 'Scheduled runs stop; an open run finishes.',
    body: { schema: reasonBody },
    answers: tenant('The tenant in `paused`.'),
    errors: ['validation_failed', 'invalid_transition'],
  },
  {
    ...updates,
    method: 'post',
    path: '/api/tenants/{id}/resume',
    id: 'resumeTenant',
    summary: 'Resume',
    body: { schema: reasonBody },
    answers: tenant('The tenant in `live`.'),
    errors: ['validation_failed', 'invalid_transition', 'credentials_missing'],
  },
  {
    ...updates,
    role: 'admin',
    method: 'delete',
    path: '/api/tenants/{id}',
    id: 'offboardTenant',
    summary: 'Offboard',
    description: 'Idempotent: an offboarded tenant answers as it is.',
    body: { schema: reasonBody },
    answers: tenant('The tenant in `offboarded`.'),
    errors: ['validation_failed', 'invalid_transition'],
  },
];
