// The run's record errors as the error e-mail needs them: counts, the commonest reasons and
// errors.csv (the same file as GET /api/syncs/:id/errors.csv). A large run's file is cut at a
// size cap, whole rows only; the e-mail then says where to download the rest.
import type { Knex } from 'knex';
import type { Db } from '../../common/db';
import { csvLine, errorsCsvHeader, errorsCsvLine } from '../../common/sync-files';
import type { PlanItemRow } from '../../common/sync-run';
import type { MailAttachment } from './mailer';
import type { ReasonCount } from './templates/record-errors';

export const ATTACHMENT_CAP_BYTES = 5 * 1024 * 1024;
const TOP_REASONS = 5;
const PAGE = 1000;

export interface RecordErrorsFile {
  skipped: number;
  failed: number;
  topReasons: ReasonCount[];
  attachment: MailAttachment;
  attachedRows: number;
  truncated: boolean;
}

// errors.csv's rule (common/sync-files `isRecordError`), as SQL.
const recordErrors = (db: Db, syncId: string) => db('plan_items').where({ run_id: syncId }).andWhere((q: Knex.QueryBuilder) => q.where('action', 'skip').orWhere('result', 'failed'));

/** Undefined when nothing was skipped or failed. */
export async function readRecordErrors(db: Db, syncId: string, capBytes = ATTACHMENT_CAP_BYTES): Promise<RecordErrorsFile | undefined> {
  const groups: { failed: boolean; code: string | null; count: number }[] = await recordErrors(db, syncId)
    .select(db.raw(`result = 'failed' as failed`), db.raw(`case when result = 'failed' then result_code else item->>'reasonCode' end as code`), db.raw('count(*)::int as count'))
    .groupByRaw('1, 2');
  if (groups.length === 0) return undefined;

  const byCode = new Map<string, number>();
  for (const { code, count } of groups) byCode.set(code ?? 'unknown', (byCode.get(code ?? 'unknown') ?? 0) + count);
  const topReasons = [...byCode]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
    .slice(0, TOP_REASONS);
  const failed = groups.filter((g) => g.failed).reduce((sum, g) => sum + g.count, 0);
  const skipped = groups.filter((g) => !g.failed).reduce((sum, g) => sum + g.count, 0);

  const lines = [csvLine(errorsCsvHeader)];
  let [bytes, rows, truncated, lastSeq] = [Buffer.byteLength(lines[0]!), 0, false, -1];
  // Pages by seq, so even a huge run reads only as much as the cap lets in.
  for (;;) {
    const page: PlanItemRow[] = await recordErrors(db, syncId).andWhere('seq', '>', lastSeq).orderBy('seq').limit(PAGE);
    for (const row of page) {
      const line = errorsCsvLine(row);
      bytes += Buffer.byteLength(line);
      if (bytes > capBytes) {
        truncated = true;
        break;
      }
      lines.push(line);
      rows += 1;
    }
    if (truncated || page.length < PAGE) break;
    lastSeq = page[page.length - 1]!.seq;
  }

  const filename = truncated ? `errors-first-${rows}.csv` : 'errors.csv';
  return { skipped, failed, topReasons, attachment: { filename, contentType: 'text/csv; charset=utf-8', content: lines.join('') }, attachedRows: rows, truncated };
}
