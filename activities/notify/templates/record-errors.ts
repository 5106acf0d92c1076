// The record errors of one run, for the tenant's error recipients: how many, the commonest
// reasons, and errors.csv attached. The body names nobody; the file lists the records concerned.
import type { SyncMode } from '../../../common/sync-run';
import { escapeHtml, link, oneLine, page, paragraph, plural, reportLinkNote, table, textFooter, type MailContent, type ReportLink } from './layout';

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
  /** The run's signed report, where the whole errors.csv can be downloaded. */
  report: ReportLink;
}

const reasonText: Record<string, string> = {
  missing_identity_key: 'no value for the identity key (for example, no work e-mail)',
  duplicate_identity_key: 'the identity key is shared with someone else',
  unmanaged_account_conflict: 'an account with this user name exists that Roster does not manage',
  missing_email: 'no work e-mail, which the tenant requires to create an account',
};

const describe = ({ code, count }: ReasonCount) => `${code}${reasonText[code] ? ` — ${reasonText[code]}` : ''}: ${count}`;

export function recordErrorsMail(errors: RecordErrors): MailContent {
  const tenant = oneLine(errors.tenantName);
  const total = errors.skipped + errors.failed;
  const subject = `${tenant}: ${plural(total, 'record')} skipped or failed in the latest sync`;
  const lines = [
    ...(errors.skipped > 0 ? [`${plural(errors.skipped, 'person was', 'people were')} skipped because of a data problem in the HR system.`] : []),
    ...(errors.failed > 0 ? [`${plural(errors.failed, 'record')} failed while being written to the platform.`] : []),
  ];
  const dryRun = errors.mode === 'dry_run' ? 'This was a dry run: these records would be skipped or fail in a real run.' : undefined;
  const fileNote = errors.truncated
    ? `The attached errors file holds the first ${errors.attachedRows} of ${total} records, to keep this e-mail small. The run's report lists them all, with the whole errors.csv to download:`
    : "Every record is listed in the attached errors.csv, with the reason, and in the run's report:";
  const advice = 'Correcting the data in the HR system fixes a skipped record on the next sync. If a failure keeps coming back, contact support.';

  const text = [
    `The latest sync for ${tenant} could not process every record.`,
    '',
    ...lines,
    ...(dryRun ? [dryRun] : []),
    '',
    'Most common reasons:',
    ...errors.topReasons.map((r) => `  ${describe(r)}`),
    '',
    fileNote,
    `  ${errors.report.url}`,
    reportLinkNote(errors.report),
    '',
    advice,
  ].join('\n');

  const html = page(`Some records of ${tenant} need attention`, [
    ...lines.map((line) => paragraph(escapeHtml(line))),
    ...(dryRun ? [paragraph(escapeHtml(dryRun))] : []),
    table('Most common reasons', ['Reason', 'Records'], errors.topReasons.map((r): [string, number] => [reasonText[r.code] ? `${r.code} — ${reasonText[r.code]}` : r.code, r.count])),
    paragraph(`${escapeHtml(fileNote)} ${link(errors.report.url, "the run's report")}`),
    paragraph(escapeHtml(reportLinkNote(errors.report))),
    paragraph(escapeHtml(advice)),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
