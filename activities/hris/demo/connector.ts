// The demo HRIS: a directory kept in Roster's own Postgres (directory.ts), so that `npm start`
// can walk a tenant through every stage without an outside HR system.
import { z } from 'zod';
import type { Db } from '../../../common/db';
import { ConnectorError } from '../../http/errors';
import type { HrisConnection, ConnectorOf, DirectoryCursor, DirectoryPage, ReadOptions } from '../connector';
import { DEMO_API_KEY } from './descriptor';
import * as directory from './directory';

export { DEMO_API_KEY } from './descriptor';

const PAGE_SIZE = 100;
const position = z.object({ scan: z.literal(0), after: z.string() });

/** The demo directory lives in Roster's own database: its key stays in Roster. */
export const demoConnection: HrisConnection<'demo'> = {
  connect: (_settings, apiKey, { db, tenantId }) => createDemoConnector(db, tenantId, apiKey),
  keyDestination: () => undefined,
};

export function createDemoConnector(db: Db, tenantId: string, apiKey: string): ConnectorOf<false> {
  const checkKey = () => {
    if (apiKey !== DEMO_API_KEY) throw new ConnectorError('credentials_rejected', `The demo HRIS rejected the key: it accepts only "${DEMO_API_KEY}"`);
  };

  return {
    async verify() {
      checkKey();
      return { ok: true };
    },

    // Keyset paging by id never skips anyone, so the demo never needs a second scan.
    async *readDirectory({ today, cursor }: ReadOptions): AsyncGenerator<DirectoryPage> {
      checkKey();
      let after = cursor ? resume(cursor) : '';
      for (;;) {
        const employees = await directory.page(db, tenantId, { after, limit: PAGE_SIZE, today });
        after = employees.at(-1)?.hrisId ?? after;
        yield { scan: 0, employees, cursor: { scan: 0, after } };
        if (employees.length < PAGE_SIZE) return;
      }
    },
  };
}

function resume(cursor: DirectoryCursor): string {
  const parsed = position.safeParse(cursor);
  if (!parsed.success) throw new ConnectorError('invalid_request', 'The directory cursor was not made by the demo connector');
  return parsed.data.after;
}
