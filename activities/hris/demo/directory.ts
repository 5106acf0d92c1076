// The demo HRIS's storage: one row per person per demo tenant, seeded on first use. People are
// kept as recorded (a future hire is `active` with a future start date) and read as of a day, the
// way a real HR system's records are normalised.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../common/db';
import type { Employee, EmployeeStatus } from '../../../common/directory';
import { demoSeed } from './seed';
import { employmentStatus } from '../employment-status';

type Recorded = Omit<Employee, 'hrisId'>;
interface Row {
  hris_id: string;
  data: Recorded;
}

export type DemoHire = Omit<Employee, 'hrisId' | 'status'> & { hrisId?: string };
/** New values; null clears a field (every field but the status). */
export type DemoChanges = { [K in Exclude<keyof Recorded, 'status'>]?: Recorded[K] | null } & { status?: EmployeeStatus };

const table = 'demo_people';

function asOf(row: Row, today: string): Employee {
  return { hrisId: row.hris_id, ...row.data, status: employmentStatus(row.data.status, row.data, today) };
}

function record(employee: Employee) {
  const { hrisId: _hrisId, ...data } = employee;
  return data;
}

/** Seeds a tenant's directory the first time anything touches it; people go only by retention and offboarding (activities/sync/retention.ts, activities/tenant-data.ts). */
async function ensureSeeded(db: Db, tenantId: string, today: string): Promise<void> {
  if (await db(table).where({ tenant_id: tenantId }).first('hris_id')) return;
  const rows = demoSeed(today).map((e) => ({ tenant_id: tenantId, hris_id: e.hrisId, data: JSON.stringify(record(e)) }));
  // A concurrent first use seeds the same ids: the first writer wins.
  await db(table).insert(rows).onConflict(['tenant_id', 'hris_id']).ignore();
}

export async function list(db: Db, tenantId: string, today: string): Promise<Employee[]> {
  await ensureSeeded(db, tenantId, today);
  const rows: Row[] = await db(table).where({ tenant_id: tenantId }).orderBy('hris_id').select('hris_id', 'data');
  return rows.map((row) => asOf(row, today));
}

/** Up to `limit` people after `after` in id order: keyset paging never skips a person. */
export async function page(db: Db, tenantId: string, { after, limit, today }: { after: string; limit: number; today: string }): Promise<Employee[]> {
  await ensureSeeded(db, tenantId, today);
  const rows: Row[] = await db(table).where({ tenant_id: tenantId }).andWhere('hris_id', '>', after).orderBy('hris_id').limit(limit).select('hris_id', 'data');
  return rows.map((row) => asOf(row, today));
}

/** One person as of `today`, or undefined when there is no such person. */
export async function find(db: Db, tenantId: string, hrisId: string, today: string): Promise<Employee | undefined> {
  await ensureSeeded(db, tenantId, today);
  const row: Row | undefined = await db(table).where({ tenant_id: tenantId, hris_id: hrisId }).first('hris_id', 'data');
  return row && asOf(row, today);
}

/** The new person, or undefined when the id is taken. */
export async function hire(db: Db, tenantId: string, hire: DemoHire, today: string): Promise<Employee | undefined> {
  await ensureSeeded(db, tenantId, today);
  const { hrisId = `demo-${randomUUID().slice(0, 8)}`, ...fields } = hire;
  const employee: Employee = { ...fields, startDate: fields.startDate ?? today, hrisId, status: 'active' };
  const inserted = await db(table).insert({ tenant_id: tenantId, hris_id: hrisId, data: JSON.stringify(record(employee)) }).onConflict(['tenant_id', 'hris_id']).ignore().returning('hris_id');
  return inserted.length ? asOf({ hris_id: hrisId, data: record(employee) }, today) : undefined;
}

/** The changed person, or undefined when there is no such person. */
export async function change(db: Db, tenantId: string, hrisId: string, changes: DemoChanges, today: string): Promise<Employee | undefined> {
  await ensureSeeded(db, tenantId, today);
  return db.transaction(async (trx) => {
    const row: Row | undefined = await trx(table).where({ tenant_id: tenantId, hris_id: hrisId }).forUpdate().first('hris_id', 'data');
    if (!row) return undefined;
    const merged: Record<string, unknown> = { ...row.data };
    for (const [field, value] of Object.entries(changes)) {
      if (value === null) delete merged[field];
      else if (value !== undefined) merged[field] = value;
    }
    const data = merged as Recorded;
    await trx(table).where({ tenant_id: tenantId, hris_id: hrisId }).update({ data: JSON.stringify(data), updated_at: trx.fn.now() });
    return asOf({ hris_id: hrisId, data }, today);
  });
}

/** Records that the person has left, on `endDate`. */
export async function terminate(db: Db, tenantId: string, hrisId: string, endDate: string, today: string): Promise<Employee | undefined> {
  return change(db, tenantId, hrisId, { status: 'terminated', endDate }, today);
}
