// Every tenant at a glance: its stage, HR system, latest run and what needs someone's attention;
// counts per stage on top, filtered by stage, searched by id or name, a page at a time.
import { hrisDescriptor } from '../../activities/hris/registry';
import { stages, type Stage } from '../../common/stages';
import { problemKinds } from '../../common/tenant-health/problems';
import { Layout } from '../components/layout';
import { Pager } from '../components/pager';
import { RunBadge } from '../components/run-badge';
import { StageLabel, stageLabels } from '../components/stage-label';
import { Time } from '../components/time';
import type { TenantListEntry } from '../data/tenant-list';
import type { PageContext } from '../render';
import { Table } from '../components/table';

export interface TenantsFilter {
  stage?: Stage;
  q?: string;
  hasProblems?: boolean;
  cursor?: string;
}

interface TenantsPageProps {
  ctx: PageContext;
  entries: TenantListEntry[];
  counts: Record<Stage, number>;
  filter: TenantsFilter;
  nextCursor: string | null;
}

/** What needs someone's attention, in words: the problems Roster opened (docs/PRODUCT.md "Tenant health"). */
export function openProblems({ problems }: TenantListEntry): string[] {
  return problems.map((type) => problemKinds[type].title);
}

function StageCounts({ counts, current }: { counts: Record<Stage, number>; current?: Stage }) {
  return (
    <ul class="stage-counts" aria-label="Tenants per stage">
      {stages.map((stage) => (
        <li key={stage}>
          <a href={`/tenants?stage=${stage}`} aria-current={stage === current ? 'page' : undefined}>
            <span class="count">{counts[stage]}</span> {stageLabels[stage]}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Filter({ filter }: { filter: TenantsFilter }) {
  return (
    <form method="get" action="/tenants" class="filter" role="search">
      <label for="q">Search by id or name</label>
      <input id="q" name="q" type="search" value={filter.q ?? ''} maxLength={200} />
      <label for="stage">Stage</label>
      <select id="stage" name="stage">
        <option value="">Every stage</option>
        {stages.map((stage) => (
          <option key={stage} value={stage} selected={stage === filter.stage}>
            {stageLabels[stage]}
          </option>
        ))}
      </select>
      <label for="hasProblems">Problems</label>
      <select id="hasProblems" name="hasProblems">
        <option value="">Any</option>
        <option value="true" selected={filter.hasProblems === true}>
          Has open problems
        </option>
        <option value="false" selected={filter.hasProblems === false}>
          No open problems
        </option>
      </select>
      <button type="submit">Show</button>
    </form>
  );
}

function TenantRowView({ entry }: { entry: TenantListEntry }) {
  const { tenant, latestRun } = entry;
  const problems = openProblems(entry);
  return (
    <tr>
      <td>
        <a href={`/tenants/${tenant.id}`}>{tenant.name}</a>
        <div class="muted mono">{tenant.id}</div>
      </td>
      <td>
        <StageLabel stage={tenant.stage} />
      </td>
      <td>{hrisDescriptor(tenant.hris.provider)?.name ?? tenant.hris.provider}</td>
      <td>
        {latestRun ? (
          <a href={`/runs/${latestRun.id}`}>
            <RunBadge status={latestRun.status} done={latestRun.progress_done} total={latestRun.progress_total} />{' '}
            <Time at={latestRun.finished_at ?? latestRun.started_at} />
          </a>
        ) : (
          <span class="muted">No run yet</span>
        )}
      </td>
      <td>{problems.length === 0 ? <span class="muted">None</span> : <ul class="problems">{problems.map((problem) => <li key={problem}>{problem}</li>)}</ul>}</td>
    </tr>
  );
}

export function TenantsPage({ ctx, entries, counts, filter, nextCursor }: TenantsPageProps) {
  return (
    <Layout ctx={ctx} title="Tenants">
      <StageCounts counts={counts} current={filter.stage} />
      {ctx.caller.role !== 'viewer' && (
        <p>
          <a class="button" href="/tenants/new">
            New tenant
          </a>
        </p>
      )}
      <Filter filter={filter} />
      <Table caption="Tenants" hideCaption columns={['Tenant', 'Stage', 'HR system', 'Latest run', 'Open problems']}>
        {entries.map((entry) => (
          <TenantRowView key={entry.tenant.id} entry={entry} />
        ))}
      </Table>
      {entries.length === 0 && <p>No tenant matches.</p>}
      <Pager base="/tenants" query={{ ...filter, hasProblems: filter.hasProblems === undefined ? undefined : String(filter.hasProblems) }} nextCursor={nextCursor} />
    </Layout>
  );
}
