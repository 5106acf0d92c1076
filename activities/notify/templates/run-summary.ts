// The summary of one run, for the tenant's summary recipients (and support during hypercare).
// Counts only: no person's name or address.
import type { FinalStatus, SyncMode, SyncTrigger } from '../../../common/sync-run';
import type { RunCounts } from '../../sync/core';
import { duration, escapeHtml, link, oneLine, page, paragraph, reportLinkNote, table, textFooter, type MailContent, type ReportLink } from './layout';

export interface RunSummary {
  tenantName: string;
  trigger: SyncTrigger;
  mode: SyncMode;
  status: FinalStatus;
  /** Absent when the run stopped before it had a plan. */
  counts?: RunCounts;
  startedAt: string;
  finishedAt: string;
  error?: { code: string; message: string };
  /** The run's signed report: counts, the records skipped or failed and why, errors.csv. */
  report: ReportLink;
}

export const triggerLabels: Record<SyncTrigger, string> = {
  schedule: 'Scheduled sync',
  manual: 'On-demand sync',
  initial_load: 'Initial load',
  test: 'Test run',
  webhook: 'Sync after an HR system change',
  end_of_day: "Sync at the end of a leaver's last day",
};

const outcomes: Record<FinalStatus, { headline: string; explanation: string }> = {
  success: { headline: 'finished', explanation: 'Everything went through: nothing was skipped and nothing failed.' },
  warning: {
    headline: 'finished with warnings',
    explanation: 'Most records went through, but some were skipped or failed. The error report recipients get the list (errors.csv), and the run report linked below lists them with the reasons.',
  },
  error: { headline: 'could not complete', explanation: 'The run stopped, and nothing further was applied.' },
  rejected: { headline: 'was rejected', explanation: 'Someone rejected the plan while it waited for approval, so none of it was applied.' },
  cancelled: { headline: 'was cancelled', explanation: 'Support cancelled the run, or nobody approved it in time. Nothing further was applied.' },
};

export const countLabels: [keyof RunCounts, string][] = [
  ['created', 'Accounts created'],
  ['updated', 'Accounts updated'],
  ['deactivated', 'Accounts deactivated'],
  ['reactivated', 'Accounts reactivated'],
  ['anonymised', 'Accounts anonymised'],
  ['unchanged', 'Accounts unchanged'],
  ['skipped', 'People skipped (data problem)'],
  ['excluded', 'People out of scope'],
  ['failed', 'Records failed'],
  ['groupsCreated', 'Groups created'],
  ['groupsUpdated', 'Groups updated'],
  ['groupsRemoved', 'Groups removed'],
];

export function runSummaryMail(run: RunSummary): MailContent {
  const tenant = oneLine(run.tenantName);
  const kind = triggerLabels[run.trigger];
  const outcome = outcomes[run.status];
  const subject = `${tenant}: ${kind.toLowerCase()} ${outcome.headline}`;
  const dryRun = run.mode === 'dry_run';
  const finished = run.status === 'success' || run.status === 'warning';
  const modeNote = dryRun
    ? 'This was a dry run: nothing was changed on the platform. The counts are what a real run would do.'
    : finished
      ? 'Changes were applied to the platform.'
      : undefined;
  const took = duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
  const reason = run.error ? `Reason: ${run.error.message} (${run.error.code})` : undefined;
  const rows = run.counts ? countLabels.map(([key, label]): [string, number] => [label, run.counts![key]]) : [];
  const countsTitle = dryRun ? 'Planned changes' : 'What happened';

  const text = [
    `${kind} for ${tenant} ${outcome.headline}.`,
    '',
    outcome.explanation,
    ...(reason ? [reason] : []),
    ...(modeNote ? [modeNote] : []),
    '',
    ...(rows.length > 0 ? [`${countsTitle}:`, ...rows.map(([label, value]) => `  ${label}: ${value}`)] : ['No records were processed.']),
    '',
    `Took ${took}.`,
    '',
    `The run's report, with the records skipped or failed and why: ${run.report.url}`,
    reportLinkNote(run.report),
  ].join('\n');

  const html = page(`${kind} for ${tenant} ${outcome.headline}`, [
    paragraph(escapeHtml(outcome.explanation)),
    ...(reason ? [paragraph(escapeHtml(reason))] : []),
    ...(modeNote ? [paragraph(escapeHtml(modeNote))] : []),
    rows.length > 0 ? table(countsTitle, ['What', dryRun ? 'Planned' : 'Count'], rows) : paragraph('No records were processed.'),
    paragraph(`Took ${escapeHtml(took)}.`),
    paragraph(`${link(run.report.url, "The run's report")}, with the records skipped or failed and why.`),
    paragraph(escapeHtml(reportLinkNote(run.report))),
  ].join('\n'));

  return { subject, text: text + textFooter, html };
}
