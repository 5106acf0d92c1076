// The sync runs' operations of the published contract: starting runs and deciding about them
// (routes/sync-requests.ts), and reading runs, their items, their files and a person's history
// (routes/syncs.ts).
import { decisionBody, emptyBody, syncBody, syncStartedSchema } from '../routes/sync-requests';
import { itemsPageSchema, itemsQueryParams, personHistorySchema, syncListQuery, syncListSchema } from '../routes/syncs';
import { syncRunSchema } from '../sync-view';
import { drivesWorkflow, type Operation } from './operation';

const tag = 'Sync runs';
const started = { 202: { description: 'The run has started; follow it at `/api/syncs/{syncId}`.', json: syncStartedSchema } };
const decided = { 200: { description: 'The run after the decision.', json: syncRunSchema } };
const decision = { tag, method: 'post', ...drivesWorkflow, body: { schema: decisionBody }, answers: decided } as const;
const reads = { tag, method: 'get', role: 'viewer' } as const;
const csv = (description: string) => ({ 200: { description, type: 'text/csv' as const } });

export const syncRunOperations: Operation[] = [
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/syncs',
    id: 'startSync',
    summary: 'Start a sync run',
    description: '`{}` reads in full; `{"read": "incremental"}` reads only who changed, where the HR system can say. Only in `live`, with a verified key and no open run.',
    ...drivesWorkflow,
    body: { schema: syncBody },
    answers: started,
    errors: ['validation_failed', 'incremental_not_supported', 'invalid_transition', 'credentials_missing', 'sync_in_progress'],
  },
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/test-runs',
    id: 'startTestRun',
    summary: 'Start a test run',
    description: 'A dry run: it plans and writes nothing. The first starts by itself once a key is verified.',
    ...drivesWorkflow,
    body: { schema: emptyBody },
    answers: started,
    errors: ['validation_failed', 'invalid_transition', 'credentials_missing', 'sync_in_progress'],
  },
  {
    ...reads,
    path: '/api/tenants/{id}/syncs',
    id: 'listSyncs',
    summary: "List a tenant's sync runs",
    query: syncListQuery,
    answers: { 200: { description: 'A page of the runs, newest first.', json: syncListSchema } },
    errors: ['validation_failed'],
  },
  { ...reads, path: '/api/syncs/{syncId}', id: 'getSync', summary: 'Read a sync run', answers: { 200: { description: 'The run.', json: syncRunSchema } } },
  {
    ...reads,
    path: '/api/syncs/{syncId}/items',
    id: 'listSyncItems',
    summary: "A sync run's items",
    description: "A page of the run's plan: what it does to each person and group, and how that went.",
    query: itemsQueryParams,
    answers: { 200: { description: 'A page of items.', json: itemsPageSchema } },
    errors: ['validation_failed'],
  },
  { ...reads, path: '/api/syncs/{syncId}/items.csv', id: 'syncItemsCsv', summary: "Every item of a sync run, as CSV", answers: csv('`hrisId,identityKey,name,kind,action,changes,result,reasonCode,reason,warnings`: the preview to share with a customer.') },
  {
    ...reads,
    path: '/api/syncs/{syncId}/errors.csv',
    id: 'syncErrorsCsv',
    summary: "A sync run's skipped and failed records, as CSV",
    answers: csv('`hrisId,identityKey,name,action,severity,reasonCode,reason,line`, one row per skipped or failed record (dry runs too).'),
  },
  {
    ...reads,
    path: '/api/tenants/{id}/people/{hrisId}',
    id: 'personHistory',
    summary: "A person's history across runs",
    answers: { 200: { description: "The person's account link and their items in the latest runs that concern them.", json: personHistorySchema } },
  },
  { ...decision, path: '/api/syncs/{syncId}/approve', id: 'approveSync', summary: 'Approve a held run', description: 'The run applies what it planned.', errors: ['validation_failed', 'not_awaiting_approval', 'run_finished'] },
  { ...decision, path: '/api/syncs/{syncId}/reject', id: 'rejectSync', summary: 'Reject a held run', description: 'The run ends `rejected`; nothing is applied.', errors: ['validation_failed', 'not_awaiting_approval', 'run_finished'] },
  { ...decision, path: '/api/syncs/{syncId}/cancel', id: 'cancelSync', summary: 'Cancel an open run', description: 'Stops between batches; once it has finished applying, 409 `run_finished`.', errors: ['validation_failed', 'run_finished'] },
];
