// "Why was Jane deactivated?": find people of a tenant's latest runs by name, HR id or e-mail, and
// one person across runs — each run, what it did to them, why, and the fields it changed.
import type { PersonTrace } from '../../api/person-trace';
import type { TenantRow } from '../../common/tenants-repository';
import { ItemChanges } from '../components/item-changes';
import { PersonSync } from '../components/person-sync';
import { PersonTraceView } from '../components/person-trace';
import { Layout } from '../components/layout';
import { RunBadge } from '../components/run-badge';
import { RunItemAction } from '../components/run-item-action';
import { modeLabels, triggerLabels } from '../../common/run-words';
import { Time } from '../components/time';
import { matchesShown, searchedRuns, type PersonHistory, type PersonMatch } from '../data/person';
import type { PageContext } from '../render';
import { Table } from '../components/table';

type Tenant = Pick<TenantRow, 'id' | 'name'>;

const personPath = (tenantId: string, hrisId: string) => `/tenants/${tenantId}/people/${encodeURIComponent(hrisId)}`;

function PeopleSearch({ tenant, q }: { tenant: Tenant; q?: string }) {
  return (
    <form method="get" action={`/tenants/${tenant.id}/people`} class="filter" role="search" aria-label="People">
      <label for="people-q">Name, HR id or e-mail</label>
      <input id="people-q" name="q" type="search" value={q ?? ''} maxLength={200} required />
      <button type="submit">Find</button>
    </form>
  );
}

export function PeopleSearchPage({ ctx, tenant, q, matches }: { ctx: PageContext; tenant: Tenant; q?: string; matches: PersonMatch[] }) {
  return (
    <Layout ctx={ctx} title={`People of ${tenant.name}`}>
      <p>
        <a href={`/tenants/${tenant.id}`}>Back to {tenant.name}</a>
      </p>
      <PeopleSearch tenant={tenant} q={q} />
      <p class="hint">Searches the people of the tenant's {searchedRuns} latest runs; shows at most {matchesShown}.</p>
      {q && matches.length === 0 && <p>No one in the latest runs matches “{q}”.</p>}
      {matches.length > 0 && (
        <Table caption="People found" hideCaption columns={['Person', 'E-mail', 'Latest action']}>
          {matches.map((match) => (
            <tr key={match.hris_id}>
              <td>
                <a href={personPath(tenant.id, match.hris_id)}>{match.name ?? match.hris_id}</a>
                <div class="muted mono">{match.hris_id}</div>
              </td>
              <td>{match.identity_key ?? <span class="muted">—</span>}</td>
              <td>
                <RunItemAction item={match} /> <Time at={match.started_at} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Layout>
  );
}

export function PersonPage({ ctx, tenant, person, trace }: { ctx: PageContext; tenant: Tenant & Pick<TenantRow, 'stage' | 'active_sync_id'>; person: PersonHistory; trace?: PersonTrace }) {
  return (
    <Layout ctx={ctx} title={person.name ?? person.hrisId}>
      <dl class="run-facts">
        <dt>Tenant</dt>
        <dd>
          <a href={`/tenants/${tenant.id}`}>{tenant.name}</a> · <a href={`/tenants/${tenant.id}/people`}>find another person</a>
        </dd>
        <dt>HR id</dt>
        <dd class="mono">{person.hrisId}</dd>
        <dt>E-mail</dt>
        <dd>{person.identityKey ?? <span class="muted">—</span>}</dd>
        <dt>Platform account</dt>
        <dd>{person.link ? <span class="mono">{person.link.accountId}</span> : <span class="muted">None managed by Roster</span>}</dd>
      </dl>
      <PersonSync tenant={tenant} hrisId={person.hrisId} role={ctx.caller.role} personPath={personPath(tenant.id, person.hrisId)} />
      {trace && <PersonTraceView trace={trace} />}
      <h2>Across the latest runs</h2>
      <ol class="person-runs">
        {person.items.map((item) => (
          <li key={`${item.syncId}-${item.kind}`}>
            <p>
              <a href={`/runs/${item.syncId}`}>
                {triggerLabels[item.trigger]} run, <Time at={item.startedAt} />
              </a>{' '}
              <RunBadge status={item.status} /> <span class="muted">{modeLabels[item.mode]}</span>
            </p>
            <p>
              <strong>
                <RunItemAction item={item} />
              </strong>
              {item.kind !== 'account' && <span class="muted"> ({item.kind})</span>}
              {item.reason && <span>: {item.reason}</span>}
            </p>
            <ItemChanges item={item} />
          </li>
        ))}
      </ol>
    </Layout>
  );
}
