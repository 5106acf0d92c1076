// The BambooHR connector. One custom report reads the whole directory (active and inactive
// people) in one call, so a read yields one page; between full reads, `changes` reads only the
// people BambooHR says changed since a watermark on its own clock.
import { ConnectorError } from '../http/errors';
import { BAMBOOHR, owner } from './bamboohr-api';
import { isoSecond, readChangedSince, watermarkOf } from './bamboohr-changes';
import { createBambooHrClient, type BambooHrSettings } from './bamboohr-client';
import { toEmployee } from './bamboohr-mapping';
import { readReport } from './bamboohr-records';
import type { DirectoryPage, HrisConnector, ReadOptions } from './connector';
import { oneCallRead } from './one-call-read';

export type { BambooHrSettings } from './bamboohr-client';

const READ = oneCallRead('BambooHR', { scan: 0, pages: 1 });

export function createBambooHrConnector(settings: BambooHrSettings): HrisConnector {
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
      yield { scan: 0, employees: (await readReport(call)).map((r) => toEmployee(r, today)), cursor: READ.done };
    },

    changes: {
      /** On BambooHR's clock (bamboohr-changes.ts), from its cheapest call, before the full read starts. */
      async watermark() {
        return isoSecond(watermarkOf(await call('GET', path), `GET ${path}`));
      },
      readChangedSince: (options) => readChangedSince(call, options),
    },
  };
}
