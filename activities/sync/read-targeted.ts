// A targeted run's read (docs/PRODUCT.md "Webhooks"): only the people its scope names — those the
// tenant's webhook events named, one person support asked for — stored as the run's directory
// snapshot, so that the plan treats it as an incremental read: nobody is deactivated by absence.
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import { takeChanges } from '../../common/change-inbox';
import type { RunScope } from '../../common/sync-run';
import type { HrisConnector } from '../hris';
import type { ReadChangesResult } from './read-changes';
import { endedBy, trackEndDatesOf } from './end-dates';
import { asActivity } from './failures';
import { heartbeatingWhile } from './heartbeat';
import { storeEmployees } from './snapshots';
import type { TenantAccess } from './tenant-access';

export interface ReadTargetedInput {
  syncId: string;
  tenantId: string;
  credentialRef: string;
  configVersionId: string;
  scope: RunScope;
}

/** The people of a scope: their HR ids, or that the whole directory must be read. */
type Targets = { everyone: true; why: string } | { everyone: false; hrisIds: string[] };

/** The people a connector without `readPeople` has, read whole; the latest scan wins, as in a full read. */
async function readFromDirectory(connector: HrisConnector, today: string, hrisIds: readonly string[]): Promise<Employee[]> {
  const wanted = new Set(hrisIds);
  let scan = -1;
  let found: Employee[] = [];
  for await (const page of connector.readDirectory({ today })) {
    if (page.scan !== scan) [scan, found] = [page.scan, []];
    found.push(...page.employees.filter((employee) => wanted.has(employee.hrisId)));
  }
  return found;
}

export function createReadTargetedActivities(db: Db, access: TenantAccess) {
  const targetsOf = async ({ tenantId, syncId, scope }: ReadTargetedInput, today: string): Promise<Targets> => {
    if (scope.kind === 'person') return { everyone: false, hrisIds: [scope.hrisId] };
    if (scope.kind === 'leavers') return { everyone: false, hrisIds: await endedBy(db, tenantId, today) };
    const taken = await takeChanges(db, tenantId, syncId);
    return taken.everyone ? { everyone: true, why: 'a webhook event said the whole directory may have changed' } : { everyone: false, hrisIds: taken.hrisIds };
  };

  return {
    /** Reads the scope's people; `full` when the scope turns out to be everyone, and the run then reads the directory whole. */
    async readTargeted(input: ReadTargetedInput): Promise<ReadChangesResult> {
      const today = await access.today(input.configVersionId);
      const targets = await targetsOf(input, today);
      await db('sync_runs').where({ id: input.syncId }).update({ scope: input.scope.kind });
      if (targets.everyone) return { read: 'full', people: 0, fullBecause: targets.why };
      const connector = await asActivity('hris', () => access.hris(input.tenantId, input.credentialRef));
      const employees =
        targets.hrisIds.length === 0
          ? []
          : await asActivity('hris', () => heartbeatingWhile(() => undefined, () => (connector.readPeople ? connector.readPeople({ today, hrisIds: targets.hrisIds }) : readFromDirectory(connector, today, targets.hrisIds))));
      await db.transaction(async (trx) => {
        await trx('directory_snapshots').where({ run_id: input.syncId }).delete();
        await storeEmployees(trx, input.syncId, 0, employees);
        await trx('sync_runs').where({ id: input.syncId }).update({ read: 'incremental' });
      });
      await trackEndDatesOf(db, input.tenantId, targets.hrisIds, employees, today);
      return { read: 'incremental', people: employees.length, today };
    },
  };
}
