// Picks the connector for a tenant's HR system, and says where its key goes. The registry
// (registry.ts) is the one list of systems; `connections` must name each of them, or the compiler
// says which is missing.
import { ConnectorError } from '../http/errors';
import { bambooHrConnection } from './bamboohr/connector';
import type { HrisConnection, HrisConnector, HrisDeps } from './connector';
import { csvConnection } from './csv/connector';
import { demoConnection } from './demo/connector';
import { humaansConnection } from './humaans/connector';
import { hrisDescriptor, type HrisProvider, type HrisSettings, type SettingsOf } from './registry';
import { workniceConnection } from './worknice/connector';

export type { ChangedPeople, DirectoryCursor, DirectoryPage, HrisConnector, HrisDeps, ReadOptions, RowError } from './connector';
export { DEMO_API_KEY } from './demo/descriptor';
export { localDate } from './dates';
export { resolveManagerEmails } from './managers';

const connections: { [P in HrisProvider]: HrisConnection<P> } = {
  humaans: humaansConnection,
  worknice: workniceConnection,
  bamboohr: bambooHrConnection,
  csv: csvConnection,
  demo: demoConnection,
};

const connectionOf = <P extends HrisProvider>(settings: SettingsOf<P>): HrisConnection<P> => connections[settings.provider];

export function createHrisConnector(settings: HrisSettings, apiKey: string, deps: HrisDeps): HrisConnector {
  // Settings are validated at the API; a stored row from a newer Roster could still name another.
  if (!hrisDescriptor(settings.provider)) throw new ConnectorError('misconfigured', `Roster has no connector for the HR system '${settings.provider}'`);
  return connectionOf(settings).connect(settings, apiKey, deps);
}

/** The host (and port, when not the default) a tenant's key is sent to; undefined when it never leaves Roster. */
export function keyHost(settings: HrisSettings): string | undefined {
  // A stored row from a newer Roster could name a system this one does not know.
  if (!hrisDescriptor(settings.provider)) return undefined;
  try {
    const url = connectionOf(settings).keyDestination(settings);
    return url === undefined ? undefined : new URL(url).host;
  } catch {
    // Settings that name no host (a bad subdomain) reach no one; verifying the key says so.
    return undefined;
  }
}
