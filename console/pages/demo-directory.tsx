// A demo tenant's HR directory (the embedded default's demo HR system): everyone it holds, a form
// to hire, and for the person the address names, forms to change or terminate them. A newcomer
// changes people here and sees what the next sync does with them.
import type { Employee, EmployeeStatus } from '../../common/directory';
import type { TenantRow } from '../../common/tenants-repository';
import { ChangePersonForm, HireForm, personName, TerminateForm } from '../components/demo-person-forms';
import { Layout } from '../components/layout';
import { Pager } from '../components/pager';
import type { PageContext } from '../render';
import { Table } from '../components/table';

interface DemoDirectoryPageProps {
  ctx: PageContext;
  tenant: TenantRow;
  /** The tenant's day, in its schedule's timezone: what "today" means to the demo HR system. */
  today: string;
  timezone: string;
  /** A page of people in HR id order; `cursor` is the last HR id of the page before. */
  page: { people: Employee[]; cursor?: string; nextCursor: string | null };
  /** The person whose forms are open, by the HR id the address names (absent when there is no such person). */
  selected?: { hrisId: string; person?: Employee };
}

const tones: Record<EmployeeStatus, string> = { active: 'good', onboarding: 'busy', inactive: 'warn', terminated: 'quiet' };
const Status = ({ status }: { status: EmployeeStatus }) => <span class={`badge ${tones[status]}`}>{status}</span>;

function SelectedPerson({ tenantId, person, hrisId, today, canChange }: { tenantId: string; person?: Employee; hrisId: string; today: string; canChange: boolean }) {
  if (!person) {
    return (
      <p class="notice error" role="alert">
        The demo directory has no person <span class="mono">{hrisId}</span>.
      </p>
    );
  }
  return (
    <section aria-labelledby="person" class="person-panel">
      <h2 id="person" tabIndex={-1}>
        {personName(person)} <span class="muted mono">{person.hrisId}</span>
      </h2>
      <p>
        <Status status={person.status} /> Started {person.startDate ?? '—'}
        {person.endDate && <>, ends {person.endDate}</>}.
      </p>
      {canChange && (
        <div class="person-forms">
          <ChangePersonForm tenantId={tenantId} person={person} />
          {person.status !== 'terminated' && <TerminateForm tenantId={tenantId} person={person} today={today} />}
        </div>
      )}
      <p>
        <a href={`/tenants/${tenantId}/demo`}>Close</a>
      </p>
    </section>
  );
}

function PeopleTable({ tenantId, people }: { tenantId: string; people: Employee[] }) {
  return (
    <Table caption="People in the demo directory" hideCaption columns={['Name', 'HR id', 'Work e-mail', 'Department', "Manager's HR id", 'Status', 'Start', 'End']}>
      {people.map((person) => (
        <tr key={person.hrisId}>
          <td>
            <a href={`/tenants/${tenantId}/demo?person=${encodeURIComponent(person.hrisId)}#person`}>{personName(person)}</a>
          </td>
          <td class="mono">{person.hrisId}</td>
          <td>{person.workEmail ?? '—'}</td>
          <td>{person.department ?? '—'}</td>
          <td class="mono">{person.managerHrisId ?? '—'}</td>
          <td>
            <Status status={person.status} />
          </td>
          <td>{person.startDate ?? '—'}</td>
          <td>{person.endDate ?? '—'}</td>
        </tr>
      ))}
    </Table>
  );
}

export function DemoDirectoryPage({ ctx, tenant, today, timezone, page, selected }: DemoDirectoryPageProps) {
  const base = `/tenants/${tenant.id}/demo`;
  const canChange = ctx.caller.role !== 'viewer';
  return (
    <Layout ctx={ctx} title={`Demo directory of ${tenant.name}`}>
      <p>
        The people the demo HR system holds for <a href={`/tenants/${tenant.id}`}>{tenant.name}</a>, as of {today} (its day in {timezone}). The next sync reads what you
        change here: start a test run or wait for the schedule, then open the run to see what it did.
      </p>
      {selected && <SelectedPerson tenantId={tenant.id} {...selected} today={today} canChange={canChange} />}
      {canChange && (
        <details class="hire" open={selected === undefined}>
          <summary>Hire a person</summary>
          <HireForm tenantId={tenant.id} today={today} />
        </details>
      )}
      <h2>People</h2>
      <PeopleTable tenantId={tenant.id} people={page.people} />
      <Pager base={base} query={{ cursor: page.cursor }} nextCursor={page.nextCursor} />
    </Layout>
  );
}
