// CSV files as data (../descriptor.ts): what the API, the e-mails and the workflows know of them.
import type { HrisDescriptor } from '../descriptor';

export const csv = {
  name: 'CSV files',
  whereToCreateKey: 'This organisation sends its directory to Roster as CSV files, so there is no key to enter: your Roster contact uploads the files.',
  takesKey: false,
  scopeHint: undefined,
  readsChanges: false,
  settings: () => ({}),
} satisfies HrisDescriptor;
