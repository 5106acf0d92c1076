// Reading BambooHR records: everyone through one custom report, or one person by id. Both ask
// for the same fields (custom-fields.ts), so a person reads the same either way.
import { ConnectorError } from '../../http/errors';
import { BAMBOOHR, record, report, type BambooRecord } from './api';
import type { BambooHrClient } from './client';

/** Each record checked alone; a bad one is named by its position, never by its content. */
function parseRecords(records: readonly unknown[], what: string): BambooRecord[] {
  const parsed: BambooRecord[] = [];
  for (const [index, candidate] of records.entries()) {
    const result = record.safeParse(candidate);
    if (result.success) parsed.push(result.data);
    else throw new ConnectorError('invalid_response', `BambooHR sent a record Roster cannot read (${what}, employee ${index + 1})`);
  }
  return parsed;
}

/** Everyone, active and inactive. `format=JSON` makes BambooHR answer JSON whatever the Accept header. */
export async function readReport(call: BambooHrClient, fields: readonly string[]): Promise<BambooRecord[]> {
  const what = `POST ${BAMBOOHR.paths.report}`;
  const { body } = await call('POST', BAMBOOHR.paths.report, { query: { format: 'JSON' }, body: { title: BAMBOOHR.reportTitle, fields } });
  const answer = report.safeParse(body);
  if (!answer.success) throw new ConnectorError('invalid_response', `BambooHR answered ${what} without an employees list`);
  return parseRecords(answer.data.employees, what);
}

/** One person's current record; undefined when they no longer exist. */
export async function readEmployee(call: BambooHrClient, id: string, fields: readonly string[]): Promise<BambooRecord | undefined> {
  const answer = await call('GET', BAMBOOHR.paths.employee(id), { query: { fields: fields.join(',') }, accept: [404] });
  if (answer.status === 404) return undefined;
  return parseRecords([answer.body], 'GET /employees/{id}')[0];
}
