// The demo HRIS's first directory: a few hundred people of a made-up company, the same every time
// for a given day, with every case a sync must handle (docs/CONNECTORS.md) among them. Dates are
// relative to `today` so that a future hire is in the future whenever the demo is first used.
import type { Employee } from '../../../common/directory';
import { addDays } from '../dates';

const domain = 'acme.example';
const departments = ['Engineering', 'Sales', 'Marketing', 'People', 'Finance', 'Operations', 'Customer Success'];
const locations = ['Sydney', 'Melbourne', 'Brisbane', 'Auckland', 'London'];
const bases = ['full-time', 'full-time', 'full-time', 'part-time', 'casual'];
const titles = ['Associate', 'Specialist', 'Senior Specialist', 'Lead', 'Analyst'];
const teams = ['Aurora', 'Borealis', 'Cirrus', 'Dorado'];
const firstNames = ['Olivia', 'Noah', 'Amelia', 'Jack', 'Charlotte', 'William', 'Isla', 'Oliver', 'Mia', 'Leo', 'Ava', 'Henry', 'Grace', 'Lucas', 'Chloe', 'Thomas', 'Ruby', 'James', 'Zara', 'Ethan'];
const lastNames = ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Johnson', 'Martin', 'White', 'Anderson', 'Walker', 'Harris', 'Ali', 'Kelly', 'Lee', 'King', 'Patel', 'Young', 'Scott'];

const HEADS = departments.length;
const FILLERS = 260;
const id = (n: number) => `demo-${String(n).padStart(4, '0')}`;
const email = (first: string, last: string) => `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + `@${domain}`;

function person(n: number, first: string, last: string, extra: Partial<Employee> = {}): Employee {
  return {
    hrisId: id(n),
    employeeCode: `E${String(n).padStart(5, '0')}`,
    workEmail: email(first, last),
    firstName: first,
    lastName: last,
    displayName: `${first} ${last}`,
    status: 'active',
    employmentBasis: 'full-time',
    ...extra,
  };
}

/** The special cases, by their place in the directory, and what makes each one tricky. */
function specialCases(today: string, start: number): Employee[] {
  const ceo = id(1);
  const eng = id(2);
  let n = start;
  const next = () => n++;
  const pastLeaver = next();
  return [
    person(pastLeaver, 'Pat', 'Departed', { status: 'terminated', position: 'Engineering Manager', department: 'Engineering', location: 'Sydney', managerHrisId: eng, startDate: addDays(today, -900), endDate: addDays(today, -30) }),
    // Reports to a manager who has left.
    person(next(), 'Orla', 'Orphan', { position: 'Engineer', department: 'Engineering', location: 'Sydney', managerHrisId: id(pastLeaver), startDate: addDays(today, -500) }),
    person(next(), 'Fern', 'Future', { status: 'onboarding', position: 'Engineer', department: 'Engineering', location: 'Melbourne', managerHrisId: eng, startDate: addDays(today, 14) }),
    // Still employed until a date in the future.
    person(next(), 'Liam', 'Leaving', { position: 'Account Executive', department: 'Sales', location: 'Brisbane', managerHrisId: id(3), startDate: addDays(today, -700), endDate: addDays(today, 21) }),
    // The HR system has not flipped the status yet, but the end date has passed.
    person(next(), 'Stella', 'Stale', { position: 'Designer', department: 'Marketing', location: 'London', managerHrisId: id(4), startDate: addDays(today, -400), endDate: addDays(today, -2) }),
    // A rehire: a new record with the e-mail of an old, terminated one.
    person(next(), 'Sam', 'Rehire', { status: 'terminated', position: 'Support Agent', department: 'Customer Success', location: 'Auckland', managerHrisId: id(8), startDate: addDays(today, -1200), endDate: addDays(today, -400) }),
    person(next(), 'Sam', 'Rehire', { position: 'Support Lead', department: 'Customer Success', location: 'Auckland', managerHrisId: id(8), startDate: addDays(today, -10) }),
    // Two people sharing one e-mail, in different letter case.
    person(next(), 'Jordan', 'Smith', { workEmail: `j.smith@${domain}`, position: 'Analyst', department: 'Finance', location: 'Sydney', managerHrisId: id(6) }),
    person(next(), 'Jamie', 'Smith', { workEmail: `J.Smith@${domain}`, position: 'Analyst', department: 'Operations', location: 'Sydney', managerHrisId: id(7) }),
    person(next(), 'Mo', 'Noemail', { workEmail: undefined, personalEmail: 'mo.personal@mail.example', position: 'Warehouse Associate', department: 'Operations', location: 'Brisbane', managerHrisId: id(7) }),
    person(next(), 'Iñaki', 'Muñoz', { workEmail: `inaki.munoz@${domain}`, position: 'Engineer', department: 'Engineering', location: 'London', managerHrisId: eng }),
    person(next(), 'Zoë', 'Müller', { workEmail: `zoe.muller@${domain}`, position: 'Marketing Lead', department: 'Marketing', location: 'London', managerHrisId: id(4) }),
    person(next(), 'José', 'Núñez', { workEmail: `jose.nunez@${domain}`, position: 'Recruiter', department: 'People', location: 'Sydney', managerHrisId: id(5) }),
    person(next(), '小明', '王', { workEmail: `xiaoming.wang@${domain}`, displayName: '王小明', position: 'Engineer', department: 'Engineering', location: 'Sydney', managerHrisId: eng }),
    // No job role: no position, department or manager.
    person(next(), 'Nora', 'Norole', { employmentBasis: undefined }),
    person(next(), 'Ivy', 'Onleave', { status: 'inactive', position: 'Accountant', department: 'Finance', location: 'Melbourne', managerHrisId: id(6) }),
    person(next(), 'Alexandra', 'Preferred', { preferredName: 'Lexi', displayName: 'Lexi Preferred', position: 'Product Manager', department: 'Engineering', location: 'Sydney', managerHrisId: eng }),
    person(next(), 'Casey', 'Contractor', { employeeCode: undefined, position: 'Consultant', department: 'Contractors', location: 'Remote', employmentBasis: 'contractor', managerHrisId: ceo }),
    person(next(), 'Riley', 'Remote', { position: 'Support Agent', department: 'Customer Success', location: 'Remote', employmentBasis: 'casual', managerHrisId: id(8) }),
  ];
}

export function demoSeed(today: string): Employee[] {
  const ceo = person(1, 'Olivia', 'Chen', { position: 'Chief Executive Officer', department: 'Executive', location: 'Sydney', startDate: addDays(today, -3000) });
  const heads = departments.map((department, i) =>
    person(i + 2, firstNames[(i * 7 + 3) % firstNames.length]!, `Head${department.replace(/\s/g, '')}`, {
      position: `Head of ${department}`,
      department,
      location: locations[i % locations.length],
      managerHrisId: ceo.hrisId,
      startDate: addDays(today, -2000 + i * 37),
    }),
  );
  const special = specialCases(today, HEADS + 2);
  const first = HEADS + 2 + special.length;
  const fillers = Array.from({ length: FILLERS }, (_, i) => {
    const d = i % departments.length;
    const firstName = firstNames[i % firstNames.length]!;
    const lastName = `${lastNames[(i * 3) % lastNames.length]}${Math.floor(i / lastNames.length) || ''}`;
    return person(first + i, firstName, lastName, {
      position: `${departments[d]} ${titles[i % titles.length]}`,
      department: departments[d],
      location: locations[(i * 5) % locations.length],
      employmentBasis: bases[i % bases.length],
      managerHrisId: heads[d]!.hrisId,
      startDate: addDays(today, -30 - ((i * 53) % 1500)),
      groups: [{ name: `Team ${teams[i % teams.length]}` }],
    });
  });
  return [ceo, ...heads, ...special, ...fillers];
}
