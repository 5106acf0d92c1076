// The Humaans connector. People are read with offset paging, which can skip a person when the
// directory moves (and a skipped person would be deactivated): a read whose total changes starts
// again, and one that keeps moving is refused as partial. Job roles, locations and custom values are
// read in full once per read and joined, never fetched per person.
import { z } from 'zod';
import type { HttpTuning } from '../../http/client';
import { ConnectorError } from '../../http/errors';
import { loggerFor } from '../../../common/logger';
import type { HrisConnection, ConnectorOf, DirectoryCursor, DirectoryPage, ReadOptions } from '../connector';
import { customValue, HUMAANS, jobRole, location, person, tokenInfo } from './api';
import { createHumaansClient, type HumaansClient } from './client';
import { groupCustomByPerson } from './custom-values';
import { groupRolesByPerson, toEmployee, type HumaansLookups } from './mapping';

const log = loggerFor('connectors');

export interface HumaansSettings {
  apiKey: string;
  baseUrl?: string;
  http?: HttpTuning;
}

const position = z.object({ scan: z.number().int().nonnegative(), skip: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
type Position = { scan: number; skip: number; total?: number };

function rescan(from: Position, what: string): Position {
  const reads = from.scan + 1;
  if (from.scan >= HUMAANS.maxRescans) {
    throw new ConnectorError('partial_directory', `Humaans' ${what} kept changing while Roster paged through it (${reads} reads); Roster does not act on a directory it may have read only in part`);
  }
  log.info('humaans list moved while paging; reading again from the start', { what, reads });
  return { scan: from.scan + 1, skip: 0 };
}

/** A page whose total differs from the scan's, or an empty page before the total, means the list moved. */
function moved(at: Position, page: { total: number; data: unknown[] }): boolean {
  return (at.total !== undefined && page.total !== at.total) || (page.data.length === 0 && at.skip < page.total);
}

function parseAll<S extends z.ZodType>(schema: S, records: unknown[], path: string): z.infer<S>[] {
  return records.map((record, index) => {
    const parsed = schema.safeParse(record);
    // The issues may quote people's data: name the record's position only.
    if (!parsed.success) throw new ConnectorError('invalid_response', `Humaans sent a record Roster cannot read (GET ${path}, item ${index + 1} of its page)`);
    return parsed.data;
  });
}

async function readAll<S extends z.ZodType>(client: HumaansClient, path: string, schema: S): Promise<z.infer<S>[]> {
  let at: Position = { scan: 0, skip: 0 };
  let records: z.infer<S>[] = [];
  for (;;) {
    const page = await client.page(path, at.skip);
    if (moved(at, page)) {
      at = rescan(at, path);
      records = [];
      continue;
    }
    records.push(...parseAll(schema, page.data, path));
    at = { scan: at.scan, skip: at.skip + page.data.length, total: page.total };
    if (at.skip >= page.total) return records;
  }
}

export const humaansConnection: HrisConnection<'humaans'> = {
  connect: ({ baseUrl }, apiKey, { http }) => createHumaansConnector({ apiKey, baseUrl, http }),
  keyDestination: ({ baseUrl }) => baseUrl ?? HUMAANS.defaultBaseUrl,
};

export function createHumaansConnector({ apiKey, baseUrl, http }: HumaansSettings): ConnectorOf<false> {
  const client = createHumaansClient(apiKey, baseUrl, http);

  /** True when Humaans says the token lacks private:read; a Humaans that does not say is believed. */
  const lacksPrivateScope = async (): Promise<boolean> => {
    const answer = await client.get(HUMAANS.paths.tokenInfo, { accept: [400, 403, 404, 405, 410] });
    const scopes = answer.status === 200 ? tokenInfo.safeParse(answer.body).data?.scopes : undefined;
    return scopes !== undefined && !scopes.includes(HUMAANS.privateScope);
  };

  // The list's path comes from client code, not the vendor's reference (api.ts): should Humaans
  // not have it, people are still read, without their custom values, rather than not at all.
  const readCustomValues = async () => {
    try {
      return await readAll(client, HUMAANS.paths.customValues, customValue);
    } catch (error) {
      if (!(error instanceof ConnectorError) || error.code !== 'not_found') throw error;
      log.warn('humaans has no custom values list; custom fields are not read', { path: HUMAANS.paths.customValues });
      return [];
    }
  };

  const readLookups = async (): Promise<HumaansLookups> => {
    const [roles, locations, customValues] = await Promise.all([
      readAll(client, HUMAANS.paths.jobRoles, jobRole),
      readAll(client, HUMAANS.paths.locations, location),
      readCustomValues(),
    ]);
    return {
      rolesByPerson: groupRolesByPerson(roles),
      locationNames: new Map(locations.flatMap((l) => (l.name ? [[l.id, l.name] as const] : []))),
      customByPerson: groupCustomByPerson(customValues),
    };
  };

  return {
    async verify() {
      const me = await client.get(HUMAANS.paths.me, { accept: [404] });
      if (me.status === 404 || !z.object({ id: z.string() }).safeParse(me.body).success) {
        throw new ConnectorError('misconfigured', `Humaans did not answer GET ${HUMAANS.paths.me} as expected (status ${me.status}): check the HRIS base URL`);
      }
      if (await lacksPrivateScope()) {
        throw new ConnectorError('insufficient_scope', `The Humaans key lacks the ${HUMAANS.privateScope} scope: without it new hires and leavers are hidden`);
      }
      return { ok: true };
    },

    async *readDirectory({ today, cursor }: ReadOptions): AsyncGenerator<DirectoryPage> {
      let at: Position = cursor ? resume(cursor) : { scan: 0, skip: 0 };
      if (await lacksPrivateScope()) {
        throw new ConnectorError('partial_directory', `The Humaans key lacks the ${HUMAANS.privateScope} scope, which hides new hires and leavers: the directory would be incomplete`);
      }
      const lookups = await readLookups();
      for (;;) {
        const page = await client.page(HUMAANS.paths.people, at.skip);
        if (moved(at, page)) {
          at = rescan(at, HUMAANS.paths.people);
          continue;
        }
        const people = parseAll(person, page.data, HUMAANS.paths.people);
        at = { scan: at.scan, skip: at.skip + people.length, total: page.total };
        yield { scan: at.scan, employees: people.map((p) => toEmployee(p, lookups, today)), cursor: { scan: at.scan, skip: at.skip, total: page.total } };
        if (at.skip >= page.total) return;
      }
    },
  };
}

function resume(cursor: DirectoryCursor): Position {
  const parsed = position.safeParse(cursor);
  if (!parsed.success) throw new ConnectorError('invalid_request', 'The directory cursor was not made by the Humaans connector');
  return parsed.data;
}
