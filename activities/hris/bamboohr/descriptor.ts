// BambooHR as data (../descriptor.ts): what the API, the e-mails and the workflows know of it.
import type { HrisDescriptor } from '../descriptor';

export const bamboohr = {
  name: 'BambooHR',
  whereToCreateKey:
    'In BambooHR, click your name at the top right, choose "API Keys", then "Add New Key". The key acts as you, so create it while signed in as a user who can see every employee.',
  takesKey: true,
  scopeHint: "for BambooHR the key's user must see every employee and run custom reports",
  readsChanges: true,
  // The reason of a 401 or 403, under BambooHR's documented (misspelt) name or the correct one.
  errorHeaders: ['X-BambooHR-Error-Message', 'X-BambooHR-Error-Messsage'],
  settings: ({ z, url }) => ({
    subdomain: z
      .string({ message: 'is required for BambooHR: the "acme" of acme.bamboohr.com' })
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'must be the company subdomain, e.g. "acme" for acme.bamboohr.com'),
    baseUrl: url.optional(),
  }),
} satisfies HrisDescriptor;
