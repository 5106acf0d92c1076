// The record errors of one run, for the tenant's error recipients: how many, the commonest
// reasons, and errors.csv attached. The body names nobody; the file lists the records concerned.
import type { SyncMode } from '../../../common/sync-run';
import { escapeHtml, link, oneLine, page, paragraph, plural, table, textFooter, type MailContent } from './layout';

export interface ReasonCount {
  code: string;
  count: number;
}

export interface RecordErrors {
  tenantName: string;
  mode: SyncMode;
  skipped: number;
  failed: number;
  /** The commonest reason codes, most frequent first. */
  topReasons: ReasonCount[];
  /** Rows in the attached file, and whether that is fewer than all of them. */
  attachedRows: number;
  truncated: boolean;
  downloadUrl: string;
}

const reasonText: Record<string, string> = {
  missing_identity_key: 'no value for the identity key (for example, no work e-mail)',
  duplicate_identity_key: 'the identity key is shared with someone else',
  unmanaged_account_conflict: 'an account with this user name exists that Roster does not manage',
};

const describe = ({ code, count }: ReasonCount) => `${code}${reasonText[code] ? ` — ${reasonText[code]}` : ''}: ${count}`;

export function recordErrorsMail(report: RecordErrors): MailContent {
  const tenant = oneLine(report.tenantName);
  const total = report.skipped + report.failed;
  const subject = `${tenant}: ${plural(total, 'record')} skipped or failed in the latest sync`;
  const lines = [
    ...(report.skipped > 0 ? [`${plural(report.skipped, 'person was', 'people were')} skipped because of a data problem in the HR system.`] : []),
    ...(report.failed > 0 ? [`${plural(report.failed, 'record')} failed while being written to the platform.`] : []),
  ];
  const dryRun = report.mode === 'dry_run' ? 'This was a dry run: these records would be skipped or fail in a real run.' : undefined;
  const fileNote = report.truncated
    ? `The attached errors file holds the first ${report.attachedRows} of ${total} records, to keep this e-mail small. The whole file can be downloaded from Roster: ${report.downloadUrl}`
    : 'Every record is listed in the attached errors.csv, with the reason.';
  const advice = 'Correcting the data in the HR system fixes a skipped record on the next sync. If a failure keeps coming back, contact support.';

  const text = [
    `The latest sync for ${tenant} could not process every record.`,
    '',
    ...lines,
    ...(dryRun ? [dryRun] : []),
    '',
    'Most common reasons:',
    ...report.topReasons.map((r) => `  ${describe(r)}`),
    '',
    fileNote,
    advice,
  ].join('\n');

  const fileHtml = report.truncated
    ? `The attached errors file holds the first ${report.attachedRows} of ${total} records, to keep this e-mail small. The whole file can be downloaded from Roster: ${link(report.downloadUrl)}`
    : escapeHtml(fileNote);
  const html = page(`Some records of ${tenant} need attention`, [
    ...lines.map((line) => paragraph(escapeHtml(line))),
    ...(dryRun ? [paragraph(escapeHtml(dryRun))] : []),
    table('Most common reasons', ['Reason', 'Records'], report.topReasons.map((r): [string, number] => [reasonText[r.code] ? `${r.code} — ${reasonText[r.code]}` : r.code, r.count])),
    paragraph(fileHtml),
    paragraph(escapeHtml(advice)),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
