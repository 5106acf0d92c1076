// Humaans as data (../descriptor.ts): what the API, the e-mails and the workflows know of it.
import type { HrisDescriptor } from '../descriptor';

export const humaans = {
  name: 'Humaans',
  whereToCreateKey:
    'In Humaans, sign in as an admin or owner, open the ⋮ menu next to your name and choose "API access tokens", then "Generate new token". Tick "View public and private data" (the private:read scope): without it Roster cannot see new hires or leavers. Humaans shows the token only once, so copy it straight away.',
  takesKey: true,
  scopeHint: 'for Humaans it needs the private:read scope',
  readsChanges: false,
  settings: ({ url }) => ({ baseUrl: url.optional() }),
} satisfies HrisDescriptor;
