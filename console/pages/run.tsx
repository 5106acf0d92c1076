// One sync run: its facts, progress (followed live while open), counts, the decision taken on it,
// for a held run whom it would deactivate and the decision buttons, and its items.
import type { SyncRun } from '../../api/sync-view';
import { Layout } from '../components/layout';
import { RunCounts } from '../components/run-counts';
import { RunDecisions } from '../components/run-decisions';
import { RunHold } from '../components/run-hold';
import { RunItems, type ItemsFilter } from '../components/run-items';
import { RunProgress } from '../components/run-progress';
import { RunDecision, RunSummary } from '../components/run-summary';
import { WelcomeLater } from '../components/welcome-later';
import { openStatuses, triggerLabels } from '../../common/run-words';
import type { RunPageData } from '../data/run-page';
import type { PageContext } from '../render';

interface RunPageProps {
  ctx: PageContext;
  data: RunPageData;
  filter: ItemsFilter;
}

const isOpen = (run: SyncRun) => openStatuses.includes(run.status);

export function RunPage({ ctx, data: { run, tenant, items, staged, neverWelcomed }, filter }: RunPageProps) {
  const mayDecide = ctx.caller.role !== 'viewer' && isOpen(run);
  return (
    <Layout ctx={ctx} title={`${triggerLabels[run.trigger]} run of ${tenant.name}`}>
      <RunSummary run={run} tenant={tenant} temporalUiUrl={ctx.temporalUiUrl} />
      <RunProgress run={run} />
      {run.warnings?.map((warning) => (
        <p key={warning.attribute} class="notice">
          {warning.message}
        </p>
      ))}
      {staged && <RunHold run={run} staged={staged.items} more={staged.nextCursor !== null} />}
      {mayDecide && (
        <section aria-labelledby="decide-heading">
          <h2 id="decide-heading">{run.status === 'awaiting_approval' ? 'Approve, reject or cancel' : 'Cancel the run'}</h2>
          <RunDecisions run={run} />
        </section>
      )}
      {run.decision && <RunDecision decision={run.decision} />}
      {ctx.caller.role !== 'viewer' && neverWelcomed !== undefined && (
        <section aria-labelledby="welcome-heading" class="actions">
          <h2 id="welcome-heading">Welcome</h2>
          <WelcomeLater tenantId={tenant.id} stage={tenant.stage} count={neverWelcomed} syncId={run.id} />
        </section>
      )}
      <h2>What the run planned and did</h2>
      <RunCounts run={run} />
      <RunItems syncId={run.id} items={items.items} nextCursor={items.nextCursor} filter={filter} />
    </Layout>
  );
}
