// Worknice as data (../descriptor.ts): what the API, the e-mails and the workflows know of it.
import type { HrisDescriptor } from '../descriptor';

export const worknice = {
  name: 'Worknice',
  whereToCreateKey:
    "A Worknice administrator creates an API token in Worknice's settings. Create it as a user who can see every person in the organisation; if you cannot find where, Worknice's support can point you to it.",
  takesKey: true,
  // A Worknice key either opens the organisation or is refused: the connector never says "scope".
  scopeHint: undefined,
  readsChanges: false,
  settings: ({ url }) => ({ baseUrl: url.optional() }),
} satisfies HrisDescriptor;
