// One rule for what a recorded status means on a given day, for every provider: HR systems flip
// statuses on their own schedule, but a start or end date that has passed is the fact.
import type { EmployeeStatus } from '../../common/directory';

export function employmentStatus(recorded: EmployeeStatus, dates: { startDate?: string; endDate?: string }, today: string): EmployeeStatus {
  if (recorded === 'terminated' || recorded === 'inactive') return recorded;
  // The last working day itself is still employed.
  if (dates.endDate && dates.endDate < today) return 'terminated';
  if (dates.startDate && dates.startDate > today) return 'onboarding';
  // A pre-hire whose start date has come has started, whether or not the HR system caught up.
  if (recorded === 'onboarding' && dates.startDate) return 'active';
  return recorded;
}
