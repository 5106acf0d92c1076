// The demo HR system as data (../descriptor.ts): what the API, the e-mails and the workflows know of it.
import type { HrisDescriptor } from '../descriptor';

/** The one key the demo HRIS accepts; any other is rejected, as a real HR system would. */
export const DEMO_API_KEY = 'demo-key';

export const demo = {
  name: 'the demo HR system',
  whereToCreateKey: `This is Roster's built-in demo directory: its key is ${DEMO_API_KEY}.`,
  takesKey: true,
  scopeHint: undefined,
  readsChanges: false,
  settings: () => ({}),
} satisfies HrisDescriptor;
