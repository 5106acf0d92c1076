// The Worknice connector. One GraphQL query returns the whole directory, archived people (leavers)
// included, so a read is one page and its cursor only says that the page was read.
import type { HttpTuning } from '../../http/client';
import { ConnectorError, isConnectorError } from '../../http/errors';
import type { HrisConnection, ConnectorOf, DirectoryPage, ReadOptions } from '../connector';
import { oneCallRead } from '../one-call-read';
import { peopleData, person, verifyData, WORKNICE } from './api';
import { createWorkniceClient } from './client';
import { toEmployee } from './mapping';

export interface WorkniceSettings {
  apiKey: string;
  baseUrl?: string;
  http?: HttpTuning;
}

const READ = oneCallRead('Worknice', { scan: 0, read: 'whole-directory' });

function noSession(name: string): ConnectorError {
  return new ConnectorError('credentials_rejected', `Worknice opened no organisation for the key (${name}): the key was rejected`);
}

export const workniceConnection: HrisConnection<'worknice'> = {
  connect: ({ baseUrl }, apiKey, { http }) => createWorkniceConnector({ apiKey, baseUrl, http }),
  keyDestination: ({ baseUrl }) => baseUrl ?? WORKNICE.defaultBaseUrl,
};

export function createWorkniceConnector({ apiKey, baseUrl, http }: WorkniceSettings): ConnectorOf<false> {
  const client = createWorkniceClient(apiKey, baseUrl, http);

  return {
    async verify() {
      const { name } = WORKNICE.operations.verify;
      let data: unknown;
      try {
        data = await client.run(WORKNICE.operations.verify);
      } catch (error) {
        // An answer that is not GraphQL at all (no vendor code) means something else lives at the
        // base URL, such as Worknice's web app: most likely a URL without its /api prefix.
        if (!isConnectorError(error, 'invalid_response') || error.details.vendorCode !== undefined) throw error;
        throw new ConnectorError('misconfigured', `${error.message}: check the HRIS base URL`, error.details);
      }
      const parsed = verifyData.safeParse(data);
      if (!parsed.success) throw new ConnectorError('misconfigured', `Worknice answered ${name} in an unexpected shape: check the HRIS base URL`);
      if (!parsed.data.session?.org) throw noSession(name);
      return { ok: true };
    },

    async *readDirectory({ today, cursor }: ReadOptions): AsyncGenerator<DirectoryPage> {
      if (READ.resumed(cursor)) return;
      const { name } = WORKNICE.operations.people;
      const parsed = peopleData.safeParse(await client.run(WORKNICE.operations.people));
      if (!parsed.success) throw new ConnectorError('invalid_response', `Worknice answered ${name} without the people list`);
      const org = parsed.data.session?.org;
      if (!org) throw noSession(name);
      const employees = org.people.map((record, index) => {
        const read = person.safeParse(record);
        // The issues may quote people's data: name the record's position only.
        if (!read.success) throw new ConnectorError('invalid_response', `Worknice sent a person Roster cannot read (${name}, person ${index + 1} of ${org.people.length})`);
        return toEmployee(read.data, today);
      });
      yield { scan: 0, employees, cursor: READ.done };
    },
  };
}
