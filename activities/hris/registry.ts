// Every HR system Roster reads, once: the provider names, their settings, the key guides, the
// verify hints, who can read only changes and the vendors' error headers all come from here, and
// the connections (index.ts) must match it key for key. Adding a system: docs/adding-an-hr-system.md.
// Descriptors are data: this file is in the workflow bundle (common/tenant.ts's readsChanges), so
// it and every `<provider>/descriptor.ts` import nothing but types and each other.
import type { z } from 'zod';
import { bamboohr } from './bamboohr/descriptor';
import { csv } from './csv/descriptor';
import { demo } from './demo/descriptor';
import type { HrisDescriptor } from './descriptor';
import { humaans } from './humaans/descriptor';
import { worknice } from './worknice/descriptor';

export const hrisRegistry = {
  humaans,
  worknice,
  bamboohr,
  csv,
  demo,
} satisfies Record<string, HrisDescriptor>;

export type HrisProvider = keyof typeof hrisRegistry;

/** The providers, in the registry's order. */
export const hrisProviders = Object.keys(hrisRegistry) as HrisProvider[];

/** The fields' output; zod's for no fields is Record<string, never>, which no settings could meet. */
type Fields<Shape extends z.ZodRawShape> = keyof Shape extends never ? unknown : z.output<z.ZodObject<Shape>>;

/** One provider's `hris` settings, as its descriptor's fields say. */
export type SettingsOf<P extends HrisProvider> = { provider: P } & Fields<ReturnType<(typeof hrisRegistry)[P]['settings']>>;

/** A tenant's `hris`: where its directory comes from. */
export type HrisSettings = { [P in HrisProvider]: SettingsOf<P> }[HrisProvider];

/** The descriptor of a provider named by stored or sent data; undefined for a name Roster does not know. */
export function hrisDescriptor(provider: string): HrisDescriptor | undefined {
  return Object.hasOwn(hrisRegistry, provider) ? hrisRegistry[provider as HrisProvider] : undefined;
}
