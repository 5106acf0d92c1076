// Deterministic Humaans directories for the fake: named people for every case a sync must handle
// (docs/CONNECTORS.md, "Fakes the tests need") among enough ordinary people to span several pages,
// and their custom values (a value per person and custom field, lists for multiple choices). Dates
// are relative to `today`. Revision 2 is the same company a day of HR work later.
import { addDays } from '../../activities/hris/dates';

export interface FakePerson {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  email: string | null;
  personalEmail: string | null;
  employeeId: string | null;
  status: string | null;
  locationId: string | null;
  teams: { name: string }[];
  contractType: string | null;
  employmentStartDate: string | null;
  employmentEndDate: string | null;
  lastWorkingDay: string | null;
  leavingReason: string | null;
}

export interface FakeJobRole {
  id: string;
  personId: string;
  jobTitle: string;
  department: string | null;
  reportingTo: string | null;
  effectiveDate: string;
  endDate: string | null;
}

export interface FakeLocation {
  id: string;
  name: string;
}

export interface FakeCustomValue {
  id: string;
  personId: string;
  customFieldId: string;
  /** Set when the value belongs to another record of the person's, such as one job role. */
  resourceId: string | null;
  /** Text, or a list for a multiple-choice field. */
  value: string | string[] | null;
}

export interface HumaansDataset {
  people: FakePerson[];
  jobRoles: FakeJobRole[];
  locations: FakeLocation[];
  customValues: FakeCustomValue[];
}

/** The company's custom fields, by the ids values name them with. */
export const CUSTOM_FIELD = {
  shirtSize: 'cfShirtSize01',
  languages: 'cfLanguages02',
  costCentre: 'cfCostCentre03',
  /** A field of the Employment › Role section: its values belong to a job role. */
  roleBonus: 'cfRoleBonus04',
} as const;

const domain = 'acme.example';
export const FILLER_COUNT = 240;
export const SHIRT_SIZES = ['XS', 'S', 'M', 'L'] as const;

export function humaansDataset({ today, revision = 1, fillers = FILLER_COUNT }: { today: string; revision?: 1 | 2; fillers?: number }): HumaansDataset {
  const day = (n: number) => addDays(today, n);
  const people: FakePerson[] = [];
  const jobRoles: FakeJobRole[] = [];
  const add = (id: string, first: string, last: string, fields: Partial<FakePerson> = {}) => {
    people.push({
      id,
      firstName: first,
      lastName: last,
      preferredName: null,
      email: `${first}.${last}@${domain}`.toLowerCase(),
      personalEmail: null,
      employeeId: `E-${id}`,
      status: 'active',
      locationId: 'loc-syd',
      teams: [],
      contractType: 'Full-time',
      employmentStartDate: day(-365),
      employmentEndDate: null,
      lastWorkingDay: null,
      leavingReason: null,
      ...fields,
    });
  };
  const role = (personId: string, jobTitle: string, department: string | null, reportingTo: string | null, effectiveDate = day(-365), endDate: string | null = null) => {
    jobRoles.push({ id: `role-${jobRoles.length + 1}`, personId, jobTitle, department, reportingTo, effectiveDate, endDate });
  };
  const customValues: FakeCustomValue[] = [];
  const custom = (personId: string, customFieldId: string, value: FakeCustomValue['value'], resourceId: string | null = null) => {
    customValues.push({ id: `cv-${customValues.length + 1}`, personId, customFieldId, resourceId, value });
  };

  add('p-ceo', 'Olivia', 'Chen', { employmentStartDate: day(-3000) });
  role('p-ceo', 'Chief Executive Officer', 'Executive', null, day(-3000));
  add('p-eng-head', 'Hugo', 'Head');
  role('p-eng-head', 'Head of Engineering', 'Engineering', 'p-ceo');
  add('p-sales-head', 'Sally', 'Sellers', { locationId: 'loc-mel' });
  role('p-sales-head', 'Head of Sales', 'Sales', 'p-ceo');

  add('p-active', 'Ana', 'Active', { personalEmail: 'ana@mail.example', teams: [{ name: 'Platform' }, { name: 'Security Guild' }], contractType: 'Part-time' });
  role('p-active', 'Engineer', 'Engineering', 'p-eng-head');
  custom('p-active', CUSTOM_FIELD.shirtSize, 'M');
  custom('p-active', CUSTOM_FIELD.languages, ['English', 'Spanish']);
  custom('p-active', CUSTOM_FIELD.costCentre, revision === 2 ? 'CC-300' : ' CC-100 ');
  custom('p-active', CUSTOM_FIELD.roleBonus, '10%', jobRoles.at(-1)!.id);
  add('p-preferred', 'Alexandra', 'Preferred', { preferredName: 'Lexi' });
  role('p-preferred', 'Product Manager', 'Engineering', 'p-eng-head');
  // Blank text and a multiple choice with nothing chosen: no value at all.
  custom('p-preferred', CUSTOM_FIELD.shirtSize, '   ');
  custom('p-preferred', CUSTOM_FIELD.languages, []);
  custom('p-preferred', CUSTOM_FIELD.costCentre, null);

  // Pre-hires under every spelling Humaans might use, and one it already calls active.
  add('p-future-hire', 'Fern', 'Future', { status: 'newHire', employmentStartDate: day(14) });
  role('p-future-hire', 'Engineer', 'Engineering', 'p-eng-head', day(14));
  custom('p-future-hire', CUSTOM_FIELD.shirtSize, 'S');
  add('p-new-hire-snake', 'Nico', 'Snake', { status: 'new_hire', employmentStartDate: day(7) });
  add('p-onboarding', 'Olga', 'Onboarding', { status: 'onboarding', employmentStartDate: day(3) });
  add('p-preboarding', 'Pia', 'Preboarding', { status: 'preboarding', employmentStartDate: day(30) });
  add('p-active-future-start', 'Arlo', 'Early', { employmentStartDate: day(5) });

  // Leavers: before, on and after their end dates.
  add('p-future-leaver', 'Liam', 'Leaving', { employmentEndDate: day(21), lastWorkingDay: day(20), leavingReason: 'resignation' });
  role('p-future-leaver', 'Account Executive', 'Sales', 'p-sales-head');
  add('p-past-leaver', 'Pat', 'Departed', { status: 'offboarded', employmentEndDate: day(-30), lastWorkingDay: day(-30), leavingReason: 'resignation' });
  role('p-past-leaver', 'Engineering Manager', 'Engineering', 'p-eng-head', day(-900), day(-30));
  add('p-manager-left', 'Orla', 'Orphan');
  role('p-manager-left', 'Engineer', 'Engineering', 'p-past-leaver');
  add('p-stale-active', 'Stella', 'Stale', { employmentEndDate: day(-2) });
  add('p-last-day-only', 'Lars', 'Lastday', { lastWorkingDay: day(-1) });

  // A rehire: a new record with the old record's e-mail.
  add('p-rehire-old', 'Sam', 'Rehire', { status: 'offboarded', employmentStartDate: day(-1200), employmentEndDate: day(-400) });
  add('p-rehire-new', 'Sam', 'Rehire', { employmentStartDate: day(-10) });
  role('p-rehire-new', 'Support Lead', 'Customer Success', 'p-sales-head', day(-10));

  add('p-email-change', 'Eve', 'Adams', revision === 2 ? { email: `eve.baker@${domain}`, lastName: 'Baker' } : {});
  // A manager change in the past, and (revision 2) another one today.
  add('p-manager-change', 'Max', 'Mover');
  role('p-manager-change', 'Analyst', 'Sales', 'p-ceo', day(-400), day(-100));
  role('p-manager-change', 'Analyst', 'Sales', 'p-sales-head', day(-99), revision === 2 ? day(-1) : null);
  if (revision === 2) role('p-manager-change', 'Senior Analyst', 'Engineering', 'p-eng-head', today);

  add('p-dup-upper', 'Jordan', 'Smith', { email: `J.Smith@${domain}` });
  add('p-dup-lower', 'Jamie', 'Smith', { email: `j.smith@${domain}` });
  add('p-no-email', 'Mo', 'Noemail', { email: null, personalEmail: 'mo@mail.example', employeeId: null });
  add('p-blank-email', 'Bea', 'Blank', { email: '  ' });

  add('p-unicode-inaki', 'Iñaki', 'Muñoz', { email: `inaki.munoz@${domain}`, locationId: 'loc-lon' });
  add('p-unicode-jose', 'José', 'Núñez', { email: `jose.nunez@${domain}` });
  add('p-unicode-zoe', 'Zoë', 'Müller', { email: `zoe.muller@${domain}`, locationId: 'loc-lon' });
  add('p-unicode-cjk', '小明', '王', { email: `xiaoming.wang@${domain}`, teams: [{ name: '研究開発' }] });
  role('p-unicode-cjk', 'Ingeniero de Investigación', 'Investigación y Desarrollo', 'p-eng-head');
  custom('p-unicode-cjk', CUSTOM_FIELD.languages, ['中文', ' 日本語 ', '']);

  add('p-future-role', 'Rita', 'Rising');
  role('p-future-role', 'Engineer', 'Engineering', 'p-eng-head', day(-200));
  role('p-future-role', 'Senior Engineer', 'Platform', 'p-ceo', day(30));
  add('p-no-role', 'Nora', 'Norole', { locationId: null, contractType: null });
  add('p-ended-role', 'Ezra', 'Ended');
  role('p-ended-role', 'Intern', 'Engineering', 'p-eng-head', day(-100), day(-10));
  add('p-unknown-location', 'Uma', 'Nowhere', { locationId: 'loc-closed' });
  add('p-unknown-status', 'Ivy', 'Suspended', { status: 'suspended' });
  add('p-null-status', 'Nell', 'Nostatus', { status: null });
  add('p-proto-status', 'Tom', 'Proto', { status: 'constructor' });

  const locations = [
    { id: 'loc-syd', name: 'Sydney' },
    { id: 'loc-mel', name: 'Melbourne' },
    { id: 'loc-lon', name: 'London' },
    { id: 'loc-akl', name: 'Auckland' },
  ];
  for (let i = 1; i <= fillers; i++) {
    const id = `p-f${String(i).padStart(4, '0')}`;
    add(id, 'Filler', `Person${i}`, { locationId: locations[i % locations.length]!.id, teams: [{ name: `Team ${i % 5}` }], employmentStartDate: day(-30 - i) });
    role(id, i % 2 ? 'Engineer' : 'Account Manager', i % 2 ? 'Engineering' : 'Sales', i % 2 ? 'p-eng-head' : 'p-sales-head', day(-30 - i));
    custom(id, CUSTOM_FIELD.shirtSize, SHIRT_SIZES[i % SHIRT_SIZES.length]!);
  }
  return { people, jobRoles, locations, customValues };
}
