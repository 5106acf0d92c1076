// Sending the welcome later (routes/welcomes.ts).
import { welcomesBody, welcomesSentSchema } from '../routes/welcomes';
import { drivesWorkflow, type Operation } from './operation';

const example = { queued: 2, leftOut: { count: 1, byReason: { no_work_email: 1, already_welcomed: 0, not_managed: 0, inactive: 0 }, people: [{ hrisId: 'demo-0042', reason: 'no_work_email' }] }, summary: '2 welcomes queued. Left out: 1 without a work e-mail (demo-0042).' };

export const welcomeOperations: Operation[] = [
  {
    tag: 'Tenants',
    method: 'post',
    path: '/api/tenants/{id}/welcomes',
    id: 'sendWelcomes',
    summary: 'Send the welcome later',
    description:
      "Welcomes the accounts created while invitations were off: everyone never welcomed (`{}`), chosen people (`hrisIds`), or the accounts one run created (`syncId`). A person gets at most one welcome in the tenant's life, from a run that invites or from here; only active managed accounts with a work e-mail get one, at the e-mail the account has as the latest run planned it. Recorded in the tenant's history as `welcomes_sent`. Allowed in `live`, `paused` and `needs_reauthorization`, and in `ready` after an initial load that failed.",
    ...drivesWorkflow,
    body: { schema: welcomesBody },
    answers: { 200: { description: 'How many welcomes were queued, and who was left out and why.', json: welcomesSentSchema.meta({ example }) } },
    errors: ['validation_failed', 'invalid_transition', 'sync_in_progress', 'run_data_purged'],
  },
];
