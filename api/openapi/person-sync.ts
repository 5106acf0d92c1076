// One person now (routes/person-sync.ts): a run for one person that answers with their trace, and
// the trace of any run that concerns a person.
import { personSyncBody, personSyncPendingSchema } from '../routes/person-sync';
import { personTraceSchema } from '../person-trace';
import { drivesWorkflow, type Operation } from './operation';

const tag = 'Sync runs';

// What support sees for a changed person of a live tenant, applied.
const example = {
  syncId: '0b6c3a52-5a0e-4d3c-9a43-2f0f6f7c1f7e',
  status: 'success',
  mode: 'apply',
  trace: [
    { step: 'read', outcome: 'found', detail: 'Found in the HR system as of 2026-03-10: active, started 2021-04-01.', today: '2026-03-10', person: { status: 'active', startDate: '2021-04-01' } },
    { step: 'scope', outcome: 'in_scope', detail: "In scope: the tenant's include filter takes them." },
    { step: 'match', outcome: 'matched', detail: "Platform account 7d1e (ada@acme.example), by Roster's link to this person.", account: { id: '7d1e', userName: 'ada@acme.example' }, matchedBy: 'link' },
    { step: 'plan', outcome: 'planned', detail: 'Update the fields below.', action: 'update', changes: { attributes: { department: { from: 'Engineering', to: 'Research' } } } },
    { step: 'write', outcome: 'done', detail: 'Written to the platform.', writes: [{ kind: 'account', result: 'done' }] },
  ],
};

export const personSyncOperations: Operation[] = [
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/people/{hrisId}/sync',
    id: 'syncPerson',
    summary: 'Sync one person now',
    description:
      'A run of trigger `manual` that reads only this person and plans like an incremental run: nobody is deactivated by absence. `apply` only when `live`; `dry_run` from `testing` on. The answer waits for the run to end (up to 30 s) and gives the trace; a run still open then (held for approval, a slow HR system) answers 202.',
    ...drivesWorkflow,
    body: { schema: personSyncBody },
    answers: {
      200: { description: "The run has ended: the person's trace.", json: personTraceSchema.meta({ example }) },
      202: { description: 'The run has not ended yet.', json: personSyncPendingSchema },
    },
    errors: ['validation_failed', 'invalid_transition', 'credentials_missing', 'sync_in_progress'],
  },
  {
    tag,
    method: 'get',
    role: 'viewer',
    path: '/api/syncs/{syncId}/people/{hrisId}/trace',
    id: 'personTrace',
    summary: "A person's trace through a run",
    description: 'What the run did for the person and why, step by step: read, scope, match, plan, write. Any run that read or planned them, targeted or full.',
    answers: { 200: { description: "The person's trace.", json: personTraceSchema } },
  },
];
