// Planning a run: the pure core over the run's snapshots, its items persisted for apply and for
// the API, and only counts and the guards' verdict returned to the workflow.
import type { Db } from '../../common/db';
import type { Employee, PlatformAccount, PlatformGroup } from '../../common/directory';
import type { PlanItemKind } from '../../common/sync-run';
import { localDate, resolveManagerEmails } from '../hris';
import { listGroupLinks, listLinks } from '../platform';
import { checkGuards, deactivationsOf, plan, summarisePlan, unapprovedDeactivations, type GuardOutcome, type Plan, type PlanWarning, type RunCounts } from './core';
import type { TenantAccess } from './tenant-access';

export interface PlanRunInput {
  syncId: string;
  tenantId: string;
  configVersionId: string;
  timezone: string;
  adoptExistingAccounts: boolean;
  supportedAttributes: string[] | 'all';
  /** Re-planning after a human approved a held plan: the deactivations they saw may now apply. */
  afterApproval: boolean;
}

export interface PlanRunResult {
  planned: RunCounts;
  guard: GuardOutcome;
  warnings: PlanWarning[];
  /** Items apply must write, by pass. */
  toApply: { account: number; manager: number; group: number };
}

const INSERT_SLICE = 1000;

/** Items that need nothing written are done as soon as they are planned. */
const needsWrite = (item: Plan['items'][number]) => item.action === 'create' || item.changes !== undefined || item.link !== undefined;

interface NewItemRow {
  kind: PlanItemKind;
  hris_id: string | null;
  account_id: string | null;
  identity_key: string | null;
  name: string;
  action: string;
  item: unknown;
  result: 'pending' | 'done';
}

function rowsOf(syncId: string, tenantId: string, planned: Plan) {
  // Updates before creates, so that an account renamed away frees its user name first.
  const ordered = [...planned.items.filter((i) => i.action !== 'create'), ...planned.items.filter((i) => i.action === 'create')];
  const rows: NewItemRow[] = ordered.map((item) => ({
    kind: 'account',
    hris_id: item.hrisId,
    account_id: item.accountId ?? null,
    identity_key: item.identityKey ?? null,
    name: item.name,
    action: item.action,
    item,
    result: needsWrite(item) ? 'pending' : 'done',
  }));
  for (const item of planned.items) {
    if (item.managerHrisId) rows.push({ kind: 'manager', hris_id: item.hrisId, account_id: item.accountId ?? null, identity_key: item.identityKey ?? null, name: item.name, action: 'update', item, result: 'pending' });
  }
  for (const group of planned.groups) {
    rows.push({ kind: 'group', hris_id: null, account_id: group.groupId ?? null, identity_key: group.externalId, name: group.displayName, action: group.action, item: group, result: 'pending' });
  }
  return rows.map((row, seq) => ({ ...row, run_id: syncId, tenant_id: tenantId, seq, item: JSON.stringify(row.item) }));
}

export function createPlanActivities(db: Db, access: TenantAccess) {
  return {
    async planRun(input: PlanRunInput): Promise<PlanRunResult> {
      const { syncId, tenantId } = input;
      const config = await access.config(input.configVersionId);
      const latestScan = db('directory_snapshots').where({ run_id: syncId }).max('scan');
      const people: Employee[] = (await db('directory_snapshots').where({ run_id: syncId }).andWhere('scan', '=', latestScan).select('data')).map((r) => r.data);
      const snapshot = await db('platform_snapshots').where({ run_id: syncId }).select('kind', 'data');
      const planned = plan({
        employees: resolveManagerEmails(people),
        accounts: snapshot.filter((r) => r.kind === 'account').map((r) => r.data as PlatformAccount),
        groups: snapshot.filter((r) => r.kind === 'group').map((r) => r.data as PlatformGroup),
        links: await listLinks(db, tenantId),
        groupLinks: await listGroupLinks(db, tenantId),
        config,
        supportedAttributes: input.supportedAttributes === 'all' ? 'all' : new Set(input.supportedAttributes),
        adoptExistingAccounts: input.adoptExistingAccounts,
        readMode: 'full',
        today: localDate(input.timezone),
      });

      const read = { mode: 'full' as const, hrisCredentialsRejected: false, platformCredentialsRejected: false, complete: true, people: people.length };
      let guard = checkGuards(read, summarisePlan(planned), config.safety);
      if (input.afterApproval && guard.outcome === 'hold') {
        const approved = await db('plan_items').where({ run_id: syncId, kind: 'account', action: 'deactivate' }).select({ accountId: 'account_id' });
        if (unapprovedDeactivations(approved, deactivationsOf(planned)).length === 0) guard = { outcome: 'proceed' };
      }

      const rows = rowsOf(syncId, tenantId, planned);
      await db.transaction(async (trx) => {
        await trx('plan_items').where({ run_id: syncId }).delete();
        for (let i = 0; i < rows.length; i += INSERT_SLICE) await trx('plan_items').insert(rows.slice(i, i + INSERT_SLICE));
        await trx('sync_runs').where({ id: syncId }).update({ planned: JSON.stringify(planned.planned), warnings: JSON.stringify(planned.warnings) });
      });
      const pending = (kind: string) => rows.filter((r) => r.kind === kind && r.result === 'pending').length;
      return { planned: planned.planned, guard, warnings: planned.warnings, toApply: { account: pending('account'), manager: pending('manager'), group: pending('group') } };
    },
  };
}
