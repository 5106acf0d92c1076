// One tenant, from kick-off to years of live syncing: where it stands on its way to live, what it
// is, its latest runs, what support can do next, and who did what so far.
import { HistoryTimeline } from '../components/history-timeline';
import { Layout } from '../components/layout';
import { StageStepper } from '../components/stage-stepper';
import { TenantActions } from '../components/tenant-actions';
import { TenantLinks } from '../components/tenant-links';
import { TenantProblems } from '../components/tenant-problems';
import { TenantRuns } from '../components/tenant-runs';
import { TenantSummary } from '../components/tenant-summary';
import type { TenantPageData } from '../data/tenant-page';
import type { PageContext } from '../render';

export function TenantPage({ ctx, data }: { ctx: PageContext; data: TenantPageData }) {
  const { tenant, liveSince, runs, history, linkMail, neverWelcomed } = data;
  return (
    <Layout ctx={ctx} title={tenant.name}>
      <p class="muted mono tenant-id">{tenant.id}</p>
      <StageStepper stage={tenant.stage} />
      <TenantLinks ctx={ctx} tenantId={tenant.id} offboarded={tenant.stage === 'offboarded'} demo={tenant.hris.provider === 'demo'} />
      <TenantProblems problems={tenant.problems} />
      <div class="tenant-overview">
        <TenantSummary tenant={tenant} liveSince={liveSince} />
        <TenantRuns runs={runs} activeSyncId={tenant.activeSyncId} />
      </div>
      <TenantActions tenant={tenant} role={ctx.caller.role} linkMail={linkMail} neverWelcomed={neverWelcomed} />
      <section aria-labelledby="history" class="history">
        <h2 id="history">History</h2>
        <HistoryTimeline entries={history.entries} base={`/tenants/${tenant.id}`} cursor={history.cursor} nextCursor={history.nextCursor} />
      </section>
    </Layout>
  );
}
