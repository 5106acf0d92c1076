// The demo directory's writes, each a form to its API route (api/routes/demo-directory.ts) named
// by the route's body fields: hire a person, change one, terminate one. The API checks them all.
import type { Employee } from '../../common/directory';
import { STATUSES } from '../../common/tenant-config';
import { ApiForm } from './api-form';
import { Input, Select } from './form-fields';

const dateHint = (empty: string) => `A date as YYYY-MM-DD; empty: ${empty}.`;
const peoplePath = (tenantId: string) => `/api/tenants/${tenantId}/demo/people`;
const personPath = (tenantId: string, hrisId: string) => `${peoplePath(tenantId)}/${encodeURIComponent(hrisId)}`;

export const personName = (person: Employee) => person.displayName ?? ([person.preferredName ?? person.firstName, person.lastName].filter(Boolean).join(' ') || person.hrisId);

/** The fields a hire and a change share; `id` keeps each form's fields apart on one page. */
function PersonFields({ form, person }: { form: string; person?: Employee }) {
  const field = (name: keyof Employee) => ({ name, id: `${form}-${name}`, value: person?.[name] as string | undefined });
  return (
    <>
      <Input {...field('firstName')} label="First name" required={!person} autocomplete="off" />
      <Input {...field('lastName')} label="Last name" required={!person} autocomplete="off" />
      <Input {...field('workEmail')} label="Work e-mail" type="email" autocomplete="off" />
      <Input {...field('department')} label="Department" />
      <Input {...field('position')} label="Position" />
      <Input {...field('managerHrisId')} label="Manager's HR id" hint="For example demo-0001: the id column below." />
    </>
  );
}

export function HireForm({ tenantId, today }: { tenantId: string; today: string }) {
  return (
    <ApiForm action={peoplePath(tenantId)} then={`/tenants/${tenantId}/demo?person={hrisId}#person`} label="Hire a person" class="stack narrow">
      <PersonFields form="hire" />
      <Input name="startDate" id="hire-startDate" label="Start date" hint={dateHint(`today, ${today}`)} />
      <button type="submit">Hire</button>
    </ApiForm>
  );
}

export function ChangePersonForm({ tenantId, person }: { tenantId: string; person: Employee }) {
  return (
    <ApiForm action={personPath(tenantId, person.hrisId)} method="PATCH" label={`Change ${personName(person)}`} class="stack narrow">
      <p class="hint">An emptied field keeps its value.</p>
      <PersonFields form="change" person={person} />
      <Select name="status" id="change-status" label="Status" options={STATUSES.map((status) => ({ value: status, label: status }))} value={person.status} />
      <button type="submit">Save changes</button>
    </ApiForm>
  );
}

export function TerminateForm({ tenantId, person, today }: { tenantId: string; person: Employee; today: string }) {
  return (
    <ApiForm action={`${personPath(tenantId, person.hrisId)}/terminate`} label={`Terminate ${personName(person)}`} class="stack narrow">
      <Input name="endDate" id="terminate-endDate" label="End date" hint={dateHint(`today, ${today}`)} />
      <button type="submit" class="danger">
        Terminate {personName(person)}
      </button>
    </ApiForm>
  );
}
