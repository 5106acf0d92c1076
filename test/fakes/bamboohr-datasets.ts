// A deterministic BambooHR company for the fake: named people for every case a sync must handle
// (docs/CONNECTORS.md, "Fakes the tests need") among ordinary ones, and the company's own fields
// with their values. Values are strings as BambooHR sends them; dates are relative to `today`.
// Employee numbers are numbers that are also other people's ids, so that reading `supervisorId`
// (an employee number) as an id goes visibly wrong.
import { addDays } from '../../activities/hris/dates';

/** A person as BambooHR stores them. supervisorId and supervisorEmail are derived when served. */
export interface FakeEmployee {
  id: string;
  employeeNumber: string | null;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  workEmail: string | null;
  status: string;
  employmentHistoryStatus: string | null;
  jobTitle: string | null;
  department: string | null;
  division: string | null;
  location: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  /** The supervisor's id. */
  supervisorEId: string | null;
  /** ISO timestamp of the person's last change. */
  lastChanged: string;
  /** Values of the company's own fields, by field id. */
  custom?: Record<string, string | null>;
}

/** A field the company added, as GET /meta/fields lists it: no alias. */
export interface FakeCustomField {
  /** A number for a field, a dotted string for a sub-field, as BambooHR sends them. */
  id: number | string;
  name: string;
  type: string;
  deprecated?: true;
}

export interface BambooDataset {
  employees: FakeEmployee[];
  customFields: FakeCustomField[];
  /** Where the fake's clock starts: after every lastChanged of the dataset. */
  clock: string;
}

/** The named people's ids. */
export const ID = {
  ceo: '1',
  engHead: '2',
  salesHead: '3',
  active: '5',
  preferred: '6',
  futureHire: '7',
  futureLeaver: '8',
  pastLeaver: '9',
  managerLeft: '10',
  customLabelLeaver: '11',
  customLabelNotYetInactive: '12',
  inactiveNoTermination: '13',
  terminatedLabelNoDate: '14',
  rehiredSameRecord: '15',
  emailChange: '16',
  managerChange: '17',
  dupUpper: '18',
  dupLower: '19',
  noEmail: '20',
  blankEmail: '21',
  unicodeInaki: '22',
  unicodeZoe: '23',
  unicodeCjk: '24',
  zeroDates: '25',
  unknownStatus: '26',
  lastDayToday: '27',
  rehireOld: '28',
  rehireNew: '29',
} as const;

/** The company's own fields by id: two in use, one deprecated, one a sub-field. */
export const CUSTOM_FIELD = { shirtSize: '4001', costCentre: '4002', badge: '4003', emergencyPhone: '4004.1' } as const;
export const SHIRT_SIZES = ['XS', 'S', 'M', 'L'] as const;

const customFields: FakeCustomField[] = [
  { id: 4001, name: 'Shirt size', type: 'list' },
  { id: CUSTOM_FIELD.costCentre, name: 'Cost centre', type: 'text' },
  { id: 4003, name: 'Badge number', type: 'text', deprecated: true },
  { id: CUSTOM_FIELD.emergencyPhone, name: 'Emergency contact: phone', type: 'phone' },
];

/** A label a company chose for people who left (BambooHR's default is "Terminated"). */
export const CUSTOM_TERMINATED_LABEL = 'Left the company';
const domain = 'acme.example';
export const FILLER_COUNT = 40;

export function bambooDataset({ today, fillers = FILLER_COUNT }: { today: string; fillers?: number }): BambooDataset {
  const day = (n: number) => addDays(today, n);
  const employees: FakeEmployee[] = [];
  const add = (id: string, employeeNumber: string | null, first: string, last: string, supervisorEId: string | null, fields: Partial<FakeEmployee> = {}) => {
    employees.push({
      id,
      employeeNumber,
      firstName: first,
      lastName: last,
      preferredName: null,
      workEmail: `${first}.${last}@${domain}`.toLowerCase(),
      status: 'Active',
      employmentHistoryStatus: 'Full-Time',
      jobTitle: 'Engineer',
      department: 'Engineering',
      division: 'Product',
      location: 'Sydney',
      hireDate: day(-365),
      terminationDate: null,
      supervisorEId,
      lastChanged: `${day(-2 - employees.length)}T10:00:00+00:00`,
      ...fields,
    });
  };

  add(ID.ceo, '100', 'Olivia', 'Chen', null, { jobTitle: 'Chief Executive Officer', department: 'Executive', hireDate: day(-3000) });
  // Her employee number is Ana's id: Ana's supervisorId would make Ana her own manager.
  add(ID.engHead, ID.active, 'Hugo', 'Head', ID.ceo, { jobTitle: 'Head of Engineering' });
  add(ID.salesHead, ID.futureHire, 'Sally', 'Sellers', ID.ceo, { jobTitle: 'Head of Sales', department: 'Sales', division: 'Revenue', location: 'Melbourne' });
  add(ID.active, '101', 'Ana', 'Active', ID.engHead, {
    employmentHistoryStatus: 'Part-Time',
    custom: { [CUSTOM_FIELD.shirtSize]: 'M', [CUSTOM_FIELD.costCentre]: ' CC-100 ', [CUSTOM_FIELD.badge]: 'B-7', [CUSTOM_FIELD.emergencyPhone]: '555 0100' },
  });
  add(ID.preferred, '102', 'Alexandra', 'Preferred', ID.engHead, { preferredName: 'Lexi', jobTitle: 'Product Manager', custom: { [CUSTOM_FIELD.shirtSize]: '  ', [CUSTOM_FIELD.costCentre]: null } });

  add(ID.futureHire, '103', 'Fern', 'Future', ID.engHead, { hireDate: day(14) });
  add(ID.futureLeaver, '104', 'Liam', 'Leaving', ID.salesHead, { terminationDate: day(21), department: 'Sales' });
  add(ID.pastLeaver, ID.managerLeft, 'Pat', 'Departed', ID.engHead, { status: 'Inactive', employmentHistoryStatus: 'Terminated', hireDate: day(-900), terminationDate: day(-30), jobTitle: 'Engineering Manager' });
  add(ID.managerLeft, '105', 'Orla', 'Orphan', ID.pastLeaver);
  add(ID.customLabelLeaver, '106', 'Cara', 'Custom', ID.engHead, { status: 'Inactive', employmentHistoryStatus: CUSTOM_TERMINATED_LABEL, terminationDate: day(-10) });
  // BambooHR has not made her inactive yet, and the label is the company's own: the date decides.
  add(ID.customLabelNotYetInactive, '107', 'Nina', 'Notyet', ID.engHead, { employmentHistoryStatus: CUSTOM_TERMINATED_LABEL, terminationDate: day(-3) });
  add(ID.inactiveNoTermination, '108', 'Ian', 'Inactive', ID.engHead, { status: 'Inactive' });
  add(ID.terminatedLabelNoDate, '109', 'Tess', 'Terminated', ID.engHead, { employmentHistoryStatus: 'Terminated', terminationDate: '0000-00-00' });
  // Rehired on the same record: the old termination date stays, before the new hire date.
  add(ID.rehiredSameRecord, '110', 'Ruth', 'Return', ID.salesHead, { hireDate: day(-10), terminationDate: day(-400), department: 'Sales' });

  add(ID.emailChange, '111', 'Eve', 'Adams', ID.engHead);
  add(ID.managerChange, '112', 'Max', 'Mover', ID.salesHead, { jobTitle: 'Analyst', department: 'Sales' });
  add(ID.dupUpper, '113', 'Jordan', 'Smith', ID.engHead, { workEmail: `J.Smith@${domain}` });
  add(ID.dupLower, '114', 'Jamie', 'Smith', ID.engHead, { workEmail: `j.smith@${domain}` });
  add(ID.noEmail, '', 'Mo', 'Noemail', ID.engHead, { workEmail: null, employeeNumber: null });
  add(ID.blankEmail, '115', 'Bea', 'Blank', ID.engHead, { workEmail: '  ' });
  add(ID.unicodeInaki, '116', 'Iñaki', 'Muñoz', ID.engHead, { workEmail: `inaki.munoz@${domain}`, location: 'London' });
  add(ID.unicodeZoe, '117', 'Zoë', 'Müller', ID.engHead, { workEmail: `zoe.muller@${domain}` });
  add(ID.unicodeCjk, '118', '小明', '王', ID.engHead, {
    workEmail: `xiaoming.wang@${domain}`,
    jobTitle: 'Ingeniero de Investigación',
    department: 'Investigación y Desarrollo',
    custom: { [CUSTOM_FIELD.costCentre]: '研究開発' },
  });
  add(ID.zeroDates, '119', 'Zed', 'Zero', ID.engHead, { hireDate: '0000-00-00', terminationDate: '' });
  add(ID.unknownStatus, '120', 'Ivy', 'Suspended', ID.engHead, { status: 'Suspended' });
  add(ID.lastDayToday, '121', 'Lars', 'Lastday', ID.engHead, { terminationDate: today });
  // A rehire on a new record with the old record's e-mail.
  add(ID.rehireOld, '122', 'Sam', 'Rehire', ID.salesHead, { status: 'Inactive', employmentHistoryStatus: 'Terminated', hireDate: day(-1200), terminationDate: day(-400) });
  add(ID.rehireNew, '123', 'Sam', 'Rehire', ID.salesHead, { hireDate: day(-10), jobTitle: 'Support Lead' });

  for (let i = 1; i <= fillers; i++) {
    const sales = i % 2 === 0;
    add(String(100 + i), String(200 + i), 'Filler', `Person${i}`, sales ? ID.salesHead : ID.engHead, {
      department: sales ? 'Sales' : 'Engineering',
      jobTitle: sales ? 'Account Manager' : 'Engineer',
      hireDate: day(-30 - i),
      custom: { [CUSTOM_FIELD.shirtSize]: SHIRT_SIZES[i % SHIRT_SIZES.length]! },
    });
  }
  return { employees, customFields: customFields.map((field) => ({ ...field })), clock: `${today}T09:00:00.000Z` };
}
