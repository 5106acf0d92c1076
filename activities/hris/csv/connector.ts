// CSV files as an HR system (docs/CONNECTORS.md "CSV files"): the directory is the latest accepted
// users.csv, groups.csv and group-mappings.csv in Roster's own Postgres, read as one page. There
// is no key: an accepted users.csv is what lets Roster read the tenant's people.
import type { Db } from '../../../common/db';
import { ConnectorError } from '../../http/errors';
import type { HrisConnection, ConnectorOf, DirectoryPage, ReadOptions } from '../connector';
import { resolveDirectory } from './directory';
import { hasUsersFile, loadCsvSet } from './files';
import { oneCallRead } from '../one-call-read';

const READ = oneCallRead('CSV', { scan: 0, read: 1 });
const noUsersFile = () => new ConnectorError('misconfigured', 'No users.csv has been accepted for this tenant: upload users.csv first (PUT /api/tenants/:id/files/users).');

/** Files are uploaded to Roster: there is no key to send anywhere. */
export const csvConnection: HrisConnection<'csv'> = {
  connect: (_settings, _apiKey, { db, tenantId }) => createCsvConnector(db, tenantId),
  keyDestination: () => undefined,
};

export function createCsvConnector(db: Db, tenantId: string): ConnectorOf<false> {
  return {
    async verify() {
      if (!(await hasUsersFile(db, tenantId))) throw noUsersFile();
      return { ok: true };
    },

    async *readDirectory({ today, cursor }: ReadOptions): AsyncGenerator<DirectoryPage> {
      if (READ.resumed(cursor)) return;
      const set = await loadCsvSet(db, tenantId);
      if (!set.users) throw noUsersFile();
      const { employees, rowErrors } = resolveDirectory({ ...set, users: set.users }, today);
      yield { scan: 0, employees, cursor: READ.done, rowErrors };
    },
  };
}
