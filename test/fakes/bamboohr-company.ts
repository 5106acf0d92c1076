// The company inside the BambooHR fake: its people, a clock of its own that tests move, and the
// bookkeeping `GET /employees/changed` answers from (when each person was inserted, changed or
// deleted). Every change stamps lastChanged one second on, so no two changes share a second.
import type { BambooDataset, FakeEmployee } from './bamboohr-datasets';

export interface Change {
  id: string;
  action: 'Inserted' | 'Updated' | 'Deleted';
  lastChanged: string;
}

/** BambooHR's timestamp form, e.g. 2030-06-15T09:00:01+00:00. */
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

export function createBambooCompany(dataset: BambooDataset) {
  const employees = dataset.employees.map((e) => ({ ...e, ...(e.custom && { custom: { ...e.custom } }) }));
  let clock = Date.parse(dataset.clock);
  const insertedAt = new Map<string, number>();
  const deletions: { id: string; at: number }[] = [];

  const find = (id: string) => {
    const employee = employees.find((e) => e.id === id);
    if (!employee) throw new Error(`the fake BambooHR has no employee ${id}`);
    return employee;
  };
  const tick = () => {
    clock += 1000;
    return stamp(clock);
  };
  const today = () => new Date(clock).toISOString().slice(0, 10);

  const company = {
    employees,
    /** The company's own fields, as GET /meta/fields lists them after BambooHR's. */
    customFields: dataset.customFields.map((field) => ({ ...field })),
    now: () => new Date(clock).toISOString(),
    advance(ms: number) {
      clock += ms;
    },
    change(id: string, patch: Partial<FakeEmployee>): FakeEmployee {
      return Object.assign(find(id), patch, { id, lastChanged: tick() });
    },
    hire(fields: Pick<FakeEmployee, 'firstName' | 'lastName'> & Partial<FakeEmployee>): FakeEmployee {
      const id = String(Math.max(0, ...employees.map((e) => Number(e.id)), ...deletions.map((d) => Number(d.id))) + 1);
      const hired: FakeEmployee = {
        id,
        employeeNumber: null,
        preferredName: null,
        workEmail: null,
        status: 'Active',
        employmentHistoryStatus: 'Full-Time',
        jobTitle: null,
        department: null,
        division: null,
        location: null,
        hireDate: today(),
        terminationDate: null,
        supervisorEId: null,
        ...fields,
        lastChanged: tick(),
      };
      employees.push(hired);
      insertedAt.set(id, clock);
      return hired;
    },
    terminate(id: string, date: string, label = 'Terminated'): FakeEmployee {
      return company.change(id, { terminationDate: date, employmentHistoryStatus: label, status: date < today() ? 'Inactive' : 'Active' });
    },
    remove(id: string) {
      employees.splice(employees.indexOf(find(id)), 1);
      tick();
      deletions.push({ id, at: clock });
    },
    /** At or after `since`, as third-party clients describe it; `latest` is the newest change listed. */
    changedSince(since: number): { latest?: string; changes: Change[] } {
      const changes: Change[] = [
        ...employees
          .filter((e) => Date.parse(e.lastChanged) >= since)
          .map((e): Change => ({ id: e.id, action: (insertedAt.get(e.id) ?? -Infinity) >= since ? 'Inserted' : 'Updated', lastChanged: e.lastChanged })),
        ...deletions.filter((d) => d.at >= since).map((d): Change => ({ id: d.id, action: 'Deleted', lastChanged: stamp(d.at) })),
      ];
      const newest = Math.max(...changes.map((c) => Date.parse(c.lastChanged)));
      return { latest: changes.length > 0 ? stamp(newest) : undefined, changes };
    },
  };
  return company;
}

export type BambooCompany = ReturnType<typeof createBambooCompany>;
