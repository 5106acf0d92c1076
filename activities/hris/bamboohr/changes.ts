// Incremental reads from BambooHR: who changed since a watermark (`GET /employees/changed`), then
// the current records of those still there. Deleted people are left out: an incremental read
// never deactivates anyone, the next full read sees them gone.
//
// Watermarks are BambooHR's own clock (the Date header of its answer) less an overlap, not the
// list's `latest`: `latest` moves only when someone changes, so with an overlap the last changes
// would be read again on every run until the next one; the Date header moves with time.
import type { Employee } from '../../../common/directory';
import type { HttpAnswer } from '../../http/client';
import { ConnectorError } from '../../http/errors';
import { BAMBOOHR, changedList, type BambooRecord } from './api';
import type { BambooHrClient } from './client';
import { fieldsToRead } from './custom-fields';
import { toEmployee } from './mapping';
import { readEmployee, readReport } from './records';
import type { ChangedPeople } from '../connector';

/** Every change BambooHR stamped before this instant is visible in an answer it dated `Date`. */
export function watermarkOf(answer: HttpAnswer<unknown>, what: string): number {
  const at = Date.parse(answer.headers.get('date') ?? '');
  if (Number.isNaN(at)) throw new ConnectorError('invalid_response', `BambooHR answered ${what} without a readable Date header`);
  return at - BAMBOOHR.watermarkOverlapMs;
}

/** ISO to the second: `since` may not take fractions (unconfirmed), and Date headers have none. */
export const isoSecond = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A few changed people one call each; many with one report kept to them. */
async function currentRecords(call: BambooHrClient, ids: readonly string[], fields: readonly string[]): Promise<BambooRecord[]> {
  if (ids.length > BAMBOOHR.maxSingleReads) {
    const wanted = new Set(ids);
    return (await readReport(call, fields)).filter((r) => wanted.has(r.id));
  }
  const records: BambooRecord[] = [];
  // One at a time: BambooHR throttles per key, and a handful of calls gains nothing in parallel.
  for (const id of ids) {
    const current = await readEmployee(call, id, fields);
    if (current) records.push(current);
  }
  return records;
}

/** These people as they are now, custom fields included; nobody asked for, no call made. */
export async function currentEmployees(call: BambooHrClient, ids: readonly string[], today: string): Promise<Employee[]> {
  if (ids.length === 0) return [];
  const fields = await fieldsToRead(call);
  return (await currentRecords(call, ids, fields.all)).map((r) => toEmployee(r, today, fields.custom));
}

export async function readChangedSince(call: BambooHrClient, { today, since }: { today: string; since: string }): Promise<ChangedPeople> {
  const from = Date.parse(since);
  if (Number.isNaN(from)) throw new ConnectorError('invalid_request', 'The watermark was not made by the BambooHR connector');
  const what = `GET ${BAMBOOHR.paths.changed}`;
  const answer = await call('GET', BAMBOOHR.paths.changed, { query: { since: isoSecond(from) } });
  const list = changedList.safeParse(answer.body);
  if (!list.success) throw new ConnectorError('invalid_response', `BambooHR answered ${what} without its list of changes`);
  const ids = Object.values(list.data.employees)
    .filter((change) => change.action.toLowerCase() !== BAMBOOHR.deletedAction)
    .map((change) => change.id);
  const employees = await currentEmployees(call, ids, today);
  const next = watermarkOf(answer, what);
  return { employees, watermark: next > from ? isoSecond(next) : since };
}
