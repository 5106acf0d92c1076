// One run's report for the customer's people, opened by the signed link of its e-mails: what the
// run did, the records it skipped or failed and why, and errors.csv. Read-only, nothing else of
// Roster: no navigation, no session. The words are the e-mails' own (activities/notify/templates).
import { countLabels, triggerLabels } from '../../activities/notify/templates/run-summary';
import type { PlanItemView, SyncRun } from '../../api/sync-view';
import { Layout } from '../components/layout';
import { Pager } from '../components/pager';
import { RunBadge } from '../components/run-badge';
import { Time } from '../components/time';
import type { PageContext } from '../render';
import { Table } from '../components/table';

export interface RunReport {
  run: SyncRun;
  tenantName: string;
  /** The tenant's schedule timezone, shown beside the reader's own. */
  timezone?: string;
  /** When the link stops working. */
  expiresAt: string;
  /** The report's own path, `/reports/<token>`: its pages and download hang off it. */
  base: string;
  /** This page of the records skipped or failed. */
  records: PlanItemView[];
}

interface ReportPageProps {
  ctx: Pick<PageContext, 'assets'>;
  report: RunReport;
  cursor?: string;
  nextCursor: string | null;
}

function RunFacts({ report }: { report: RunReport }) {
  const { run, timezone, expiresAt } = report;
  return (
    <dl class="facts">
      <dt>Sync</dt>
      <dd>{`${triggerLabels[run.trigger]}${run.mode === 'dry_run' ? ' (dry run: nothing was changed on the platform)' : ''}`}</dd>
      <dt>Status</dt>
      <dd>
        <RunBadge status={run.status} />
      </dd>
      <dt>Started</dt>
      <dd>
        <Time at={run.startedAt} zone={timezone} />
      </dd>
      <dt>Finished</dt>
      <dd>
        <Time at={run.finishedAt} zone={timezone} />
      </dd>
      <dt>This link works until</dt>
      <dd>
        <Time at={expiresAt} />
      </dd>
    </dl>
  );
}

function Counts({ run }: { run: SyncRun }) {
  const title = run.mode === 'dry_run' ? 'Planned changes' : 'What happened';
  return (
    <section aria-labelledby="counts">
      <h2 id="counts">{title}</h2>
      <table class="report-counts">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">{run.mode === 'dry_run' ? 'Planned' : 'Count'}</th>
          </tr>
        </thead>
        <tbody>
          {countLabels.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>{run.counts[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RecordRow({ record }: { record: PlanItemView }) {
  const ids = [record.hrisId && `HR id ${record.hrisId}`, record.identityKey].filter(Boolean).join(' · ');
  return (
    <tr>
      <td>
        {record.name ?? <span class="muted">No name</span>}
        {ids && <div class="muted mono">{ids}</div>}
      </td>
      <td>{record.result === 'failed' ? `Failed (${record.action})` : 'Skipped'}</td>
      <td>
        {record.reason ?? '—'}
        {record.reasonCode && <div class="muted mono">{record.reasonCode}</div>}
      </td>
    </tr>
  );
}

function Records({ report, cursor, nextCursor }: Omit<ReportPageProps, 'ctx'>) {
  const { run, records, base } = report;
  const total = run.counts.skipped + run.counts.failed;
  return (
    <section aria-labelledby="records">
      <h2 id="records">Records skipped or failed</h2>
      {total === 0 && records.length === 0 ? (
        <p>Nothing was skipped and nothing failed.</p>
      ) : (
        <>
          <p>Correcting the data in the HR system fixes a skipped record on the next sync. If a failure keeps coming back, contact your Roster support contact.</p>
          <p>
            <a class="button secondary" href={`${base}/errors.csv`} download>
              Download errors.csv
            </a>{' '}
            <span class="hint">every record skipped or failed, with the reason, for a spreadsheet</span>
          </p>
          <Table caption="Records skipped or failed" hideCaption columns={['Person', 'Outcome', 'Reason']}>
            {records.map((record, n) => (
              <RecordRow key={`${record.hrisId}-${n}`} record={record} />
            ))}
          </Table>
          <Pager base={base} query={{ cursor }} nextCursor={nextCursor} />
        </>
      )}
    </section>
  );
}

export function ReportPage({ ctx, report, cursor, nextCursor }: ReportPageProps) {
  const { run } = report;
  return (
    <Layout ctx={ctx} title={`Sync report for ${report.tenantName}`}>
      <RunFacts report={report} />
      {run.error && (
        <p class="notice error">
          The sync could not complete: {run.error.message}
        </p>
      )}
      <Counts run={run} />
      <Records report={report} cursor={cursor} nextCursor={nextCursor} />
    </Layout>
  );
}
