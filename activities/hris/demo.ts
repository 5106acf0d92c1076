// The demo HRIS: a directory kept in Roster's own Postgres (demo-directory.ts), so that `npm start`
// can walk a tenant through every stage without an outside HR system.
import { z } from 'zod';
import type { Db } from '../../common/db';
import { ConnectorError } from '../http/errors';
import type { DirectoryCursor, DirectoryPage, HrisConnector, ReadOptions } from './connector';
import * as directory from './demo-directory';

/** The one key the demo HRIS accepts; any other is rejected, as a real HR system would. */
export const DEMO_API_KEY = 'demo-key';

const PAGE_SIZE = 100;
const position = z.object({ scan: z.literal(0), after: z.string() });

export function createDemoConnector(db: Db, tenantId: string, apiKey: string): HrisConnector {
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
