// Turns a Worknice person into the normalised employee. The manager is whoever holds the position
// that the person's position reports to; a vacant manager position means no manager.
import type { Employee, EmployeeStatus } from '../../../common/directory';
import { dateOnly } from '../dates';
import { employmentStatus } from '../employment-status';
import { WORKNICE, type WorknicePerson } from './api';

const present = (s: string | null | undefined) => s?.trim() || undefined;

/** A status Roster does not know is data: the person is `inactive`, never a failed read. */
export function recordedStatus(spelling: string | undefined): EmployeeStatus {
  return (spelling !== undefined && Object.hasOwn(WORKNICE.statuses, spelling) && WORKNICE.statuses[spelling]) || 'inactive';
}

export function toEmployee(p: WorknicePerson, today: string): Employee {
  const spelling = present(p.status);
  const startDate = dateOnly(p.startDate);
  const position = p.currentJob?.position;
  const manager = present(position?.manager?.currentJob?.person?.id);
  return {
    hrisId: p.id,
    employeeCode: present(p.employeeCode),
    workEmail: present(p.profileEmail),
    // Worknice gives one name. Splitting it would guess wrong for many names (CJK names written
    // family name first, "van der Berg", two surnames), and a wrong given name is worse than none.
    displayName: present(p.displayName),
    // Worknice's query gives no end date: the status alone says who has left.
    status: employmentStatus(recordedStatus(spelling), { startDate }, today),
    startDate,
    position: present(position?.title),
    location: present(p.location?.name),
    // A position that reports to itself (the top of a chart) has no manager.
    managerHrisId: manager === p.id ? undefined : manager,
    custom: spelling ? { [WORKNICE.statusField]: spelling } : undefined,
  };
}
