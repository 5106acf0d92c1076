// What a finished run tells people: the summary to the summary recipients (and support during
// hypercare), and, when records were skipped or failed, the error e-mail with errors.csv. A
// targeted run (a webhook's, one person's) sends its summary only when it failed: they come by the
// dozen a day, and the scheduled runs' summaries still tell the recipients how the tenant is doing.
import type { Db } from '../../common/db';
import type { FinalStatus, RunScopeKind, SyncMode, SyncTrigger } from '../../common/sync-run';
import type { Contacts } from '../../common/tenant';
import type { TenantConfig } from '../../common/tenant-config';
import { loggerFor } from '../../common/logger';
import { reportUrl, signReportToken } from '../../common/report-links';
import type { Keyring } from '../../common/secrets';
import type { RunCounts } from '../sync/core';
import { readRecordErrors } from './errors-file';
import { queueMails, recipients, type QueuedMail } from './outbox';
import { recordErrorsMail } from './templates/record-errors';
import { runSummaryMail } from './templates/run-summary';
import { UnfixableError } from '../../common/unfixable';

const log = loggerFor('mail');

export interface NotifyTenant {
  id: string;
  name: string;
  contacts: Contacts;
  config: Pick<TenantConfig, 'notifications'>;
}

/** The status about to be written: the report is queued before the run's final status (docs/PRODUCT.md step 5). */
export interface RunOutcome {
  status: FinalStatus;
  finishedAt: string;
  error?: { code: string; message: string };
}

export interface RunReportInput {
  syncId: string;
  tenant: NotifyTenant;
  publicUrl: string;
  /** Signs the report link (common/report-links.ts). */
  keyring: Keyring;
  /** How long the report link works: as long as the run's items are kept (ROSTER_RETENTION_DAYS). */
  linkDays: number;
  hypercare: boolean;
  outcome: RunOutcome;
}

interface RunRow {
  trigger: SyncTrigger;
  mode: SyncMode;
  counts: RunCounts | null;
  planned: RunCounts | null;
  error: { code: string; message: string } | null;
  started_at: Date;
  scope: RunScopeKind | null;
}

/** Queues the run's report once, however often it is called; returns how many mails were new. */
export async function enqueueRunReport(db: Db, { syncId, tenant, publicUrl, keyring, linkDays, hypercare, outcome }: RunReportInput): Promise<number> {
  const run: RunRow | undefined = await db('sync_runs').where({ id: syncId, tenant_id: tenant.id }).first('trigger', 'mode', 'counts', 'planned', 'error', 'started_at', 'scope');
  if (!run) throw new UnfixableError('row_missing', `Sync run ${syncId} of tenant ${tenant.id} does not exist.`);
  const { summaryTo, errorsTo } = tenant.config.notifications;
  // Signed as it is queued; a retry's new signature is dropped with its duplicate mail (queueMails).
  const expiresAt = new Date(Date.parse(outcome.finishedAt) + linkDays * 86_400_000);
  const report = { url: reportUrl(publicUrl, await signReportToken(keyring, { runId: syncId, tenantId: tenant.id }, expiresAt)), expiresAt: expiresAt.toISOString() };
  const mails: QueuedMail[] = [];
  const queue = (to: string[], kind: QueuedMail['kind'], content: Omit<QueuedMail, 'tenantId' | 'syncId' | 'kind' | 'key' | 'to'>) => {
    for (const address of to) mails.push({ tenantId: tenant.id, syncId, kind, key: address.toLowerCase(), to: [address], ...content });
  };

  const summary = runSummaryMail({
    tenantName: tenant.name,
    trigger: run.trigger,
    mode: run.mode,
    status: outcome.status,
    // An applying run that stopped has no applied counts; its planned ones never happened.
    counts: run.counts ?? (run.mode === 'dry_run' ? run.planned : null) ?? undefined,
    startedAt: run.started_at.toISOString(),
    finishedAt: outcome.finishedAt,
    error: outcome.error ?? run.error ?? undefined,
    report,
  });
  // A run that could not complete concerns the error recipients too, even with no summary list.
  const failed = outcome.status === 'error';
  if (!run.scope || failed) queue(recipients(summaryTo, hypercare ? tenant.contacts.supportEmail : undefined, failed ? errorsTo : undefined), 'run_summary', summary);

  const errors = await readRecordErrors(db, syncId);
  if (errors) {
    const content = recordErrorsMail({ tenantName: tenant.name, mode: run.mode, ...errors, report });
    queue(recipients(errorsTo), 'record_errors', { ...content, attachments: [errors.attachment] });
  }

  const queued = await queueMails(db, mails);
  log.info('run report queued', { tenantId: tenant.id, syncId, queued, recordErrors: errors !== undefined });
  return queued;
}
