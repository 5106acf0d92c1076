// The demo HR system's directory in the published contract (routes/demo-directory.ts): hire,
// change and terminate people so a walk-through can show what the next sync does.
import { changeBody, demoPeopleSchema, demoPersonSchema, hireBody, terminateBody } from '../routes/demo-directory';
import type { Operation } from './operation';

const tag = 'Demo directory';
const changes = { tag, role: 'support', errors: ['validation_failed', 'not_a_demo_tenant', 'invalid_transition'] } as const;
const person = (description: string) => ({ 200: { description, json: demoPersonSchema } });

export const demoDirectoryOperations: Operation[] = [
  {
    tag,
    method: 'get',
    path: '/api/tenants/{id}/demo/people',
    id: 'listDemoPeople',
    summary: "The demo directory's people",
    description: 'For tenants whose HR system is `demo`; an offboarded one has no directory any more (409 `invalid_transition`).',
    role: 'viewer',
    answers: { 200: { description: 'Everyone, as of the tenant\'s today.', json: demoPeopleSchema } },
    errors: ['not_a_demo_tenant', 'invalid_transition'],
  },
  {
    ...changes,
    method: 'post',
    path: '/api/tenants/{id}/demo/people',
    id: 'hireDemoPerson',
    summary: 'Hire a person',
    body: { schema: hireBody },
    answers: { 201: { description: 'The new person.', json: demoPersonSchema } },
    errors: [...changes.errors, 'person_exists'],
  },
  {
    ...changes,
    method: 'patch',
    path: '/api/tenants/{id}/demo/people/{hrisId}',
    id: 'changeDemoPerson',
    summary: 'Change a person',
    description: 'Any employee field or `status`; `null` clears a field.',
    body: { schema: changeBody },
    answers: person('The changed person.'),
  },
  {
    ...changes,
    method: 'post',
    path: '/api/tenants/{id}/demo/people/{hrisId}/terminate',
    id: 'terminateDemoPerson',
    summary: 'Terminate a person',
    description: '`endDate` defaults to the tenant\'s today.',
    body: { schema: terminateBody },
    answers: person('The person, terminated.'),
  },
];
