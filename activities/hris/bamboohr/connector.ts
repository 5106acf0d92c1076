// The BambooHR connector. One custom report reads the whole directory (active and inactive
// people, the company's custom fields included) in one call, so a read yields one page; between
// full reads, `changes` reads only the people BambooHR says changed since a watermark on its own
// clock.
import { ConnectorError } from '../../http/errors';
import { BAMBOOHR, owner } from './api';
import { currentEmployees, isoSecond, readChangedSince, watermarkOf } from './changes';
import { bambooHrBaseUrl, createBambooHrClient, type BambooHrSettings } from './client';
import { fieldsToRead } from './custom-fields';
import { toEmployee } from './mapping';
import { readReport } from './records';
import type { HrisConnection, ConnectorOf, DirectoryPage, ReadOptions } from '../connector';
import { oneCallRead } from '../one-call-read';

export type { BambooHrSettings } from './client';

const READ = oneCallRead('BambooHR', { scan: 0, pages: 1 });

export const bambooHrConnection: HrisConnection<'bamboohr'> = {
  connect: ({ subdomain, baseUrl }, apiKey, { http }) => createBambooHrConnector({ apiKey, subdomain, baseUrl, http }),
  keyDestination: (settings) => bambooHrBaseUrl(settings),
};

export function createBambooHrConnector(settings: BambooHrSettings): ConnectorOf<true> {
  const call = createBambooHrClient(settings);
  const path = BAMBOOHR.paths.owner;

  return {
    async verify() {
      const answer = await call('GET', path, { accept: [404] });
      if (answer.status === 404 || !owner.safeParse(answer.body).success) {
        throw new ConnectorError('misconfigured', `BambooHR did not answer GET ${path} as expected (status ${answer.status}): check the subdomain or base URL`);
      }
      return { ok: true };
    },

    async *readDirectory({ today, cursor }: ReadOptions): AsyncGenerator<DirectoryPage> {
      if (READ.resumed(cursor)) return;
      const fields = await fieldsToRead(call);
      yield { scan: 0, employees: (await readReport(call, fields.all)).map((r) => toEmployee(r, today, fields.custom)), cursor: READ.done };
    },

    /** A targeted run's people: one call each, or one report kept to them when there are many. */
    readPeople: ({ today, hrisIds }) => currentEmployees(call, hrisIds, today),

    changes: {
      /** On BambooHR's clock (changes.ts), from its cheapest call, before the full read starts. */
      async watermark() {
        return isoSecond(watermarkOf(await call('GET', path), `GET ${path}`));
      },
      readChangedSince: (options) => readChangedSince(call, options),
    },
  };
}
