// Leavers on time (docs/PRODUCT.md "Leavers on time"): a person whose employment ends today is
// deactivated at the end of the day in the tenant's timezone, not at the next scheduled run. Every
// read keeps the end dates still to come: a full read replaces them all, a partial read (who
// changed, a targeted run) those of the people it read, so a moved or cancelled date moves or
// drops the deactivation. The tenant workflow asks when the next day ends and holds a timer.
import type { Db } from '../../common/db';
import type { Employee } from '../../common/directory';
import { addDays, startOfLocalDay } from '../hris/dates';
import type { TenantAccess } from './tenant-access';

/** After a full read: the snapshot (of `syncId`'s rows) is the whole directory. Only what moved is written. */
export async function trackEndDatesOfRun(db: Db, tenantId: string, syncId: string, today: string): Promise<void> {
  const coming = `select hris_id, (data->>'endDate')::date as end_date from directory_snapshots where run_id = ? and data->>'endDate' >= ?`;
  await db.transaction(async (trx) => {
    await trx.raw(`delete from tracked_end_dates t where t.tenant_id = ? and t.hris_id not in (select hris_id from (${coming}) c)`, [tenantId, syncId, today]);
    await trx.raw(
      `insert into tracked_end_dates (tenant_id, hris_id, end_date) select ?, hris_id, end_date from (${coming}) c
       on conflict (tenant_id, hris_id) do update set end_date = excluded.end_date where tracked_end_dates.end_date is distinct from excluded.end_date`,
      [tenantId, syncId, today],
    );
  });
}

/** After a partial read: the people it asked for (found or not) and read, and only they. */
export async function trackEndDatesOf(db: Db, tenantId: string, asked: readonly string[], employees: readonly Employee[], today: string): Promise<void> {
  const coming = employees.filter((employee) => employee.endDate !== undefined && employee.endDate >= today);
  const known = [...new Set([...asked, ...employees.map((employee) => employee.hrisId)])];
  await db.transaction(async (trx) => {
    if (known.length > 0) await trx('tracked_end_dates').where({ tenant_id: tenantId }).whereIn('hris_id', known).delete();
    if (coming.length > 0) {
      const rows = coming.map((employee) => ({ tenant_id: tenantId, hris_id: employee.hrisId, end_date: employee.endDate }));
      await trx('tracked_end_dates').insert(rows).onConflict(['tenant_id', 'hris_id']).merge();
    }
  });
}

/** People whose last day has ended by `today`: what a leavers run reads. */
export async function endedBy(db: Db, tenantId: string, today: string): Promise<string[]> {
  const rows: { hris_id: string }[] = await db('tracked_end_dates').where({ tenant_id: tenantId }).andWhere('end_date', '<', today).orderBy('hris_id').select('hris_id');
  return rows.map((row) => row.hris_id);
}

export function createEndDateActivities(db: Db, access: TenantAccess) {
  return {
    /** When the next leaver's last day ends in the tenant's timezone: the start of the day after; none when nobody is leaving. */
    async nextEndOfDay({ tenantId, configVersionId }: { tenantId: string; configVersionId: string }): Promise<{ at?: string }> {
      const { timezone } = (await access.config(configVersionId)).schedule;
      const row: { last: string | null } | undefined = await db('tracked_end_dates').where({ tenant_id: tenantId }).first(db.raw("to_char(min(end_date), 'YYYY-MM-DD') as last"));
      if (!row?.last) return {};
      return { at: startOfLocalDay(addDays(row.last, 1), timezone).toISOString() };
    },
  };
}
