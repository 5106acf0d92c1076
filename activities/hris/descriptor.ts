// What Roster knows about an HR system as data: one descriptor per system, in its folder
// (`<provider>/descriptor.ts`), listed once in registry.ts. The API, the e-mails and the workflows
// read these, so a descriptor imports types only: the workflow bundle includes it.
import type { z } from 'zod';

/** What a descriptor's settings are built from: the API's zod, and its URL rule (private hosts per env). */
export interface SettingsKit {
  z: typeof z;
  url: z.ZodType<string>;
}

export interface HrisDescriptor {
  /** The HR system's name as its users know it. */
  name: string;
  /**
   * Where in that system the customer's admin makes the key, and what it must be able to see: the
   * authorization page and the authorization-link e-mail show it as it is.
   */
  whereToCreateKey: string;
  /** False for systems that send files: nothing to paste. */
  takesKey: boolean;
  /**
   * What a key that works but sees too little lacks, as a clause of the answer to a key it refuses
   * (`credentials_insufficient_scope`); undefined where the connector never says so.
   */
  scopeHint: string | undefined;
  /** The connector can say who changed since a watermark (`changes`), so runs between full runs read only them. */
  readsChanges: boolean;
  /** Response headers in which the HR system gives an error's reason, first found first; never quoted to anyone. */
  errorHeaders?: readonly string[];
  /** The tenant's `hris` settings beside `provider`, as zod fields: validated at the API, typed everywhere. */
  settings: (kit: SettingsKit) => z.ZodRawShape;
}
