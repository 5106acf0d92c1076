// Fills in each person's manager e-mail from the manager's own record, once the whole directory
// is read: pages arrive one at a time and a manager may be on a later one.
import type { Employee } from '../../common/directory';

export function resolveManagerEmails(employees: Employee[]): Employee[] {
  const emailById = new Map(employees.flatMap((e) => (e.workEmail ? [[e.hrisId, e.workEmail] as const] : [])));
  return employees.map((e) => {
    const managerEmail = e.managerHrisId ? emailById.get(e.managerHrisId) : undefined;
    return managerEmail && !e.managerEmail ? { ...e, managerEmail } : e;
  });
}
