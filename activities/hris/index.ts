// Picks the connector for a tenant's HR system. Adding a provider is one file of the HrisConnector
// shape and one case here.
import type { Db } from '../../common/db';
import type { HrisSettings } from '../../common/tenant';
import type { HttpTuning } from '../http/client';
import { ConnectorError } from '../http/errors';
import { createBambooHrConnector } from './bamboohr';
import type { HrisConnector } from './connector';
import { createCsvConnector } from './csv';
import { createDemoConnector } from './demo';
import { createHumaansConnector } from './humaans';
import { createWorkniceConnector } from './worknice';

export type { ChangedPeople, DirectoryCursor, DirectoryPage, HrisConnector, ReadOptions, RowError } from './connector';
export { DEMO_API_KEY } from './demo';
export { localDate } from './dates';
export { resolveManagerEmails } from './managers';

export interface HrisDeps {
  db: Db;
  tenantId: string;
  http?: HttpTuning;
}

export function createHrisConnector(settings: HrisSettings, apiKey: string, deps: HrisDeps): HrisConnector {
  switch (settings.provider) {
    case 'humaans':
      return createHumaansConnector({ apiKey, baseUrl: settings.baseUrl, http: deps.http });
    case 'worknice':
      return createWorkniceConnector({ apiKey, baseUrl: settings.baseUrl, http: deps.http });
    case 'bamboohr':
      return createBambooHrConnector({ apiKey, subdomain: settings.subdomain, baseUrl: settings.baseUrl, http: deps.http });
    case 'csv':
      return createCsvConnector(deps.db, deps.tenantId);
    case 'demo':
      return createDemoConnector(deps.db, deps.tenantId, apiKey);
    default:
      // Settings are validated at the API; a stored row from a newer Roster could still name another.
      throw new ConnectorError('misconfigured', `Roster has no connector for the HR system '${(settings as { provider: string }).provider}'`);
  }
}
