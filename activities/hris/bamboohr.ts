// The BambooHR connector. One custom report reads the whole directory (active and inactive
// people) in one call, so a read yields one page; between full reads, `changes` reads only the
// people BambooHR says changed since a watermark on its own clock.
import { z } from 'zod';
import { ConnectorError } from '../http/errors';
import { BAMBOOHR, owner } from './bamboohr-api';
import { isoSecond, readChangedSince, watermarkOf } from './bamboohr-changes';
import { createBambooHrClient, type BambooHrSettings } from './bamboohr-client';
import { toEmployee } from './bamboohr-mapping';
import { readReport } from './bamboohr-records';
import type { DirectoryCursor, DirectoryPage, HrisConnector, ReadOptions } from './connector';

export type { BambooHrSettings } from './bamboohr-client';

/** The read is one page: a cursor can only say it was yielded. */
const READ_DONE: DirectoryCursor = { scan: 0, pages: 1 };
const readDone = z.object({ scan: z.literal(0), pages: z.literal(1) });

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
      if (cursor) {
        if (!readDone.safeParse(cursor).success) throw new ConnectorError('invalid_request', 'The directory cursor was not made by the BambooHR connector');
        return;
      }
      yield { scan: 0, employees: (await readReport(call)).map((r) => toEmployee(r, today)), cursor: READ_DONE };
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
