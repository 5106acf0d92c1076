// Picks the connector for a tenant's HR system. The registry (registry.ts) is the one list of
// systems; `connectors` must name a factory for each of them, or the compiler says which is missing.
import { ConnectorError } from '../http/errors';
import { connectBambooHr } from './bamboohr/connector';
import type { ConnectorFactory, HrisConnector, HrisDeps } from './connector';
import { connectCsv } from './csv/connector';
import { connectDemo } from './demo/connector';
import { connectHumaans } from './humaans/connector';
import { hrisDescriptor, type HrisProvider, type HrisSettings, type SettingsOf } from './registry';
import { connectWorknice } from './worknice/connector';

export type { ChangedPeople, DirectoryCursor, DirectoryPage, HrisConnector, HrisDeps, ReadOptions, RowError } from './connector';
export { DEMO_API_KEY } from './demo/descriptor';
export { localDate } from './dates';
export { resolveManagerEmails } from './managers';

const connectors: { [P in HrisProvider]: ConnectorFactory<P> } = {
  humaans: connectHumaans,
  worknice: connectWorknice,
  bamboohr: connectBambooHr,
  csv: connectCsv,
  demo: connectDemo,
};

function connect<P extends HrisProvider>(settings: SettingsOf<P>, apiKey: string, deps: HrisDeps): HrisConnector {
  return connectors[settings.provider](settings, apiKey, deps);
}

export function createHrisConnector(settings: HrisSettings, apiKey: string, deps: HrisDeps): HrisConnector {
  // Settings are validated at the API; a stored row from a newer Roster could still name another.
  if (!hrisDescriptor(settings.provider)) throw new ConnectorError('misconfigured', `Roster has no connector for the HR system '${settings.provider}'`);
  return connect(settings, apiKey, deps);
}
