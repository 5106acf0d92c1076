// The files a run offers for download: every planned item (the preview to share with a customer)
// and the record errors. Plain CSV: RFC 4180 quoting, a header line, UTF-8.
import type { PlanItemRow } from './sync-run';

const quote = (value: unknown): string => {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const line = (values: unknown[]) => values.map(quote).join(',') + '\r\n';

export const errorsCsvHeader = ['hrisId', 'identityKey', 'name', 'action', 'severity', 'reasonCode', 'reason', 'line'];

/** Whether a row belongs in errors.csv: a person skipped by a data problem, or any failed record. */
export const isRecordError = (row: Pick<PlanItemRow, 'action' | 'result'>) => row.action === 'skip' || row.result === 'failed';

export function errorsCsvLine(row: PlanItemRow): string {
  const item = row.item as { reasonCode?: string; reason?: string; line?: number };
  const failed = row.result === 'failed';
  return line([
    row.hris_id,
    row.identity_key,
    row.name,
    row.action,
    failed ? 'failed' : 'skipped',
    failed ? row.result_code : item.reasonCode,
    failed ? row.result_message : item.reason,
    item.line,
  ]);
}

export const itemsCsvHeader = ['hrisId', 'identityKey', 'name', 'kind', 'action', 'changes', 'result', 'reasonCode', 'reason', 'warnings'];

export function itemsCsvLine(row: PlanItemRow): string {
  const item = row.item as { changes?: unknown; reasonCode?: string; reason?: string; warnings?: { code: string }[] };
  return line([
    row.hris_id,
    row.identity_key,
    row.name,
    row.kind,
    row.action,
    item.changes,
    row.result === 'failed' ? `failed: ${row.result_code}` : row.result,
    item.reasonCode,
    item.reason,
    item.warnings?.map((w) => w.code).join(' '),
  ]);
}

export const csvLine = line;
