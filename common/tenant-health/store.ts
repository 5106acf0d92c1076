// The tenant_problems table: opening is idempotent (one open problem per tenant and type, so a
// problem met again by every run is still one problem, told once), resolving records when and by what.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { problemKinds, problemTypes, type ProblemDetail, type ProblemType, type ResolvedBy } from './problems';

export interface ProblemRow {
  id: string;
  tenant_id: string;
  type: ProblemType;
  opened_at: Date;
  detail: ProblemDetail;
  resolved_at: Date | null;
  resolved_by: ResolvedBy['kind'] | null;
  resolved_ref: string | null;
  notified_at: Date | null;
}

/** Opens each problem not already open; says which were new. One that another mail tells support of is told already. */
export async function openProblems(db: Db, tenantId: string, openings: readonly { type: ProblemType; detail: ProblemDetail }[], at: Date): Promise<ProblemType[]> {
  if (openings.length === 0) return [];
  const rows = openings.map(({ type, detail }) => ({ id: randomUUID(), tenant_id: tenantId, type, opened_at: at, detail: JSON.stringify(detail), notified_at: 'toldByOwnMail' in problemKinds[type] ? at : null }));
  const opened: { type: ProblemType }[] = await db('tenant_problems')
    .insert(rows)
    .onConflict(db.raw('(tenant_id, type) where resolved_at is null'))
    .ignore()
    .returning('type');
  return opened.map((row) => row.type);
}

/** Resolves the tenant's open problems of these types; says which were open. */
export async function resolveProblems(db: Db, tenantId: string, types: readonly ProblemType[], by: ResolvedBy, at: Date): Promise<ProblemType[]> {
  if (types.length === 0) return [];
  const resolved: { type: ProblemType }[] = await db('tenant_problems')
    .where({ tenant_id: tenantId })
    .whereIn('type', types)
    .whereNull('resolved_at')
    .update({ resolved_at: at, resolved_by: by.kind, resolved_ref: by.ref ?? null })
    .returning('type');
  return resolved.map((row) => row.type);
}

/** The tenant's open problems, oldest first. */
export async function openProblemsOf(db: Db, tenantId: string): Promise<ProblemRow[]> {
  return db<ProblemRow>('tenant_problems').where({ tenant_id: tenantId }).whereNull('resolved_at').orderBy('opened_at');
}

/** The tenant's problems resolved since `since`, newest first. */
export async function resolvedProblemsOf(db: Db, tenantId: string, since: Date, limit: number): Promise<ProblemRow[]> {
  return db<ProblemRow>('tenant_problems').where({ tenant_id: tenantId }).where('resolved_at', '>=', since).orderBy('resolved_at', 'desc').limit(limit);
}

/** The types of each of these tenants' open problems, oldest first (absent: none), in one query. */
export async function openProblemTypesByTenant(db: Db, tenantIds: readonly string[]): Promise<Map<string, ProblemType[]>> {
  const types = new Map<string, ProblemType[]>();
  if (tenantIds.length === 0) return types;
  const rows: { tenant_id: string; type: ProblemType }[] = await db('tenant_problems').whereIn('tenant_id', tenantIds).whereNull('resolved_at').orderBy('opened_at').select('tenant_id', 'type');
  for (const row of rows) types.set(row.tenant_id, [...(types.get(row.tenant_id) ?? []), row.type]);
  return types;
}

/** How many open problems each of these tenants has (absent: none), in one query. */
export async function openProblemCountsByTenant(db: Db, tenantIds: readonly string[]): Promise<Map<string, number>> {
  if (tenantIds.length === 0) return new Map();
  const rows: { tenant_id: string; n: string }[] = await db('tenant_problems').whereIn('tenant_id', tenantIds).whereNull('resolved_at').groupBy('tenant_id').select('tenant_id').count({ n: '*' });
  return new Map(rows.map((row) => [row.tenant_id, Number(row.n)]));
}

/** Open problems across every tenant, by type (every type present, 0 when none), in one grouped query: for a gauge. */
export async function openProblemCounts(db: Db): Promise<Record<ProblemType, number>> {
  const rows: { type: ProblemType; n: string }[] = await db('tenant_problems').whereNull('resolved_at').groupBy('type').select('type').count({ n: '*' });
  const counts = Object.fromEntries(problemTypes.map((type) => [type, 0])) as Record<ProblemType, number>;
  for (const row of rows) if (Object.hasOwn(counts, row.type)) counts[row.type] = Number(row.n);
  return counts;
}
