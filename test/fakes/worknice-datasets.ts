// Deterministic Worknice organisations for the fake: named people for every case a sync must
// handle (docs/CONNECTORS.md, "Fakes the tests need") among ordinary people, as many as a test asks
// for. Managers are positions: a person reports to whoever holds the position theirs reports to.
// Dates are relative to `today`. Revision 2 is the same company a day of HR work later.
import { addDays } from '../../activities/hris/dates';

export interface FakePosition {
  id: string;
  title: string | null;
  /** The position this one reports to. */
  managerPositionId: string | null;
}

export interface FakePerson {
  id: string;
  displayName: string;
  /** An enum value, as Worknice would send it: not only the spellings Roster knows. */
  status: string;
  employeeCode: string | null;
  profileEmail: string | null;
  startDate: string | null;
  /** The current job: the position it fills (null for a job without one), or no job at all. */
  job: { positionId: string | null } | null;
  location: string | null;
  /** Left out of `people` unless the query says `includeArchived: true`. */
  archived: boolean;
}

/** An organisation: its people and the positions their jobs fill. */
export type WorkniceDataset = { people: FakePerson[]; positions: FakePosition[] };

/** Ordinary people beside the named ones, unless a test asks for more. */
export const FILLER_COUNT = 60;

export function workniceDataset({ today, revision = 1, fillers = FILLER_COUNT }: { today: string; revision?: 1 | 2; fillers?: number }): WorkniceDataset {
  const { people, positions }: WorkniceDataset = { people: [], positions: [] };
  const day = (n: number) => addDays(today, n);
  const domain = 'acme.example';
  const position = (id: string, title: string | null, managerPositionId: string | null) => {
    positions.push({ id, title, managerPositionId });
    return id;
  };
  const add = (id: string, displayName: string, fields: Partial<FakePerson> = {}) => {
    people.push({
      id,
      displayName,
      status: 'ACTIVE',
      employeeCode: `E-${id}`,
      profileEmail: `${displayName.toLowerCase().replace(/\s+/g, '.')}@${domain}`,
      startDate: day(-365),
      job: null,
      location: 'Sydney',
      archived: false,
      ...fields,
    });
  };
  const holds = (positionId: string | null) => ({ job: { positionId } });

  // The top of the chart reports to itself, as org charts sometimes record it.
  add('w-ceo', 'Olivia Chen', { ...holds(position('pos-ceo', 'Chief Executive Officer', 'pos-ceo')), startDate: day(-3000) });
  add('w-eng-head', 'Hugo Head', holds(position('pos-eng-head', 'Head of Engineering', 'pos-ceo')));
  add('w-sales-head', 'Sally Sellers', { ...holds(position('pos-sales-head', 'Head of Sales', 'pos-ceo')), location: 'Melbourne' });

  add('w-active', 'Ana Active', { ...holds(position('pos-active', 'Engineer', 'pos-eng-head')), startDate: '2024-02-01T00:00:00.000Z' });

  // Pre-hires: one Worknice already calls active, one under the onboarding spelling.
  add('w-future-hire', 'Fern Future', { ...holds(position('pos-future-hire', 'Engineer', 'pos-eng-head')), startDate: day(14) });
  add('w-onboarding', 'Olga Onboarding', { status: 'ONBOARDING', startDate: day(3) });
  add('w-offboarding', 'Owen Offboarding', { status: 'OFFBOARDING', ...holds(position('pos-offboarding', 'Account Executive', 'pos-sales-head')) });

  // Leavers are archived: their job has ended, so their positions are vacant.
  position('pos-departed', 'Engineering Manager', 'pos-eng-head');
  add('w-past-leaver', 'Pat Departed', { status: 'TERMINATED', archived: true });
  add('w-archived-status', 'Arch Ived', { status: 'ARCHIVED', archived: true });
  add('w-vacant-manager', 'Orla Orphan', holds(position('pos-vacant-report', 'Engineer', 'pos-departed')));
  // A manager who has left but still holds their position: HR has not closed the job yet.
  add('w-manager-left', 'Lee Leftover', { status: 'TERMINATED', ...holds(position('pos-leftover', 'Support Manager', 'pos-sales-head')) });
  add('w-manager-left-report', 'Rey Report', holds(position('pos-leftover-report', 'Support Agent', 'pos-leftover')));

  add('w-email-change', revision === 2 ? 'Eve Baker' : 'Eve Adams', holds(position('pos-email-change', 'Designer', 'pos-eng-head')));
  // Revision 2 moves Max's position under engineering.
  add('w-manager-change', 'Max Mover', holds(position('pos-manager-change', 'Analyst', revision === 2 ? 'pos-eng-head' : 'pos-sales-head')));

  add('w-dup-upper', 'Jordan Smith', { profileEmail: `J.Smith@${domain}` });
  add('w-dup-lower', 'Jamie Smith', { profileEmail: `j.smith@${domain}` });
  add('w-no-email', 'Mo Noemail', { profileEmail: null, employeeCode: null });
  add('w-blank-email', 'Bea Blank', { profileEmail: '  ' });

  add('w-unicode-inaki', 'Iñaki Muñoz', { profileEmail: `inaki.munoz@${domain}`, location: 'London' });
  add('w-unicode-zoe', 'Zoë Müller', { profileEmail: `zoe.muller@${domain}` });
  add('w-unicode-cjk', '王小明', { profileEmail: `xiaoming.wang@${domain}`, ...holds(position('pos-research', 'Ingeniero de Investigación', 'pos-eng-head')) });

  // Nullable at every level.
  add('w-bare', 'Nora Bare', { employeeCode: null, startDate: null, location: null });
  add('w-no-position', 'Nils Noposition', { job: { positionId: null } });
  add('w-no-manager', 'Ned Nomanager', holds(position('pos-no-manager', null, null)));
  add('w-unknown-status', 'Ivy Suspended', { status: 'SUSPENDED' });

  const locations = ['Sydney', 'Melbourne', 'London', 'Auckland'];
  for (let i = 1; i <= fillers; i++) {
    const id = `w-f${String(i).padStart(5, '0')}`;
    const reportsTo = i % 2 ? 'pos-eng-head' : 'pos-sales-head';
    add(id, `Filler Person${i}`, { ...holds(position(`pos-${id}`, i % 2 ? 'Engineer' : 'Account Manager', reportsTo)), location: locations[i % locations.length]!, startDate: day(-30 - (i % 1000)) });
  }
  return { people, positions };
}
