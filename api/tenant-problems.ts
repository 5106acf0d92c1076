// A tenant's problems as the API shows them (docs/API.md "Tenant health"): the open ones, and
// those resolved in the last week, with when and by what. Postgres only.
import { z } from 'zod';
import type { Db } from '../common/db';
import { problemKinds, problemTypes, resolvers } from '../common/tenant-health/problems';
import { openProblemsOf, resolvedProblemsOf, type ProblemRow } from '../common/tenant-health/store';

const time = z.iso.datetime();
/** Resolved problems shown: those of the last week, at most this many. */
const RECENT_DAYS = 7;
const RECENT_LIMIT = 10;

const detailSchema = z
  .object({
    syncId: z.string().optional(),
    code: z.string().optional(),
    runs: z.number().int().optional(),
    mailId: z.string().optional(),
    lastSuccessAt: time.optional(),
    intervalHours: z.number().optional(),
  })
  .meta({ description: 'Ids, counts and codes only: the run that met it, its error code, how many runs, the e-mail that failed, the last success and the schedule interval.' });

const problemSchema = z.object({
  type: z.enum(problemTypes),
  title: z.string(),
  whatToDo: z.string(),
  since: time,
  detail: detailSchema,
  notifiedAt: time.optional().meta({ description: 'When support was e-mailed about it (once).' }),
});

export const tenantProblemsSchema = z
  .object({
    open: z.array(problemSchema).meta({ description: 'Oldest first.' }),
    recentlyResolved: z
      .array(problemSchema.extend({ resolvedAt: time, resolvedBy: z.object({ kind: z.enum(resolvers), ref: z.string().optional().meta({ description: 'The run that resolved it.' }) }) }))
      .meta({ description: `Resolved in the last ${RECENT_DAYS} days, newest first (at most ${RECENT_LIMIT}).` }),
  })
  .meta({ id: 'TenantProblems', description: 'Problems Roster opened and resolves by itself (docs/PRODUCT.md "Tenant health").' });

function problemView(row: ProblemRow) {
  const kind = problemKinds[row.type];
  return {
    type: row.type,
    title: kind.title,
    whatToDo: kind.whatToDo,
    since: row.opened_at.toISOString(),
    detail: row.detail,
    ...(row.notified_at && { notifiedAt: row.notified_at.toISOString() }),
  };
}

export async function tenantProblemsView(db: Db, tenantId: string): Promise<z.output<typeof tenantProblemsSchema>> {
  const [open, resolved] = await Promise.all([openProblemsOf(db, tenantId), resolvedProblemsOf(db, tenantId, new Date(Date.now() - RECENT_DAYS * 86_400_000), RECENT_LIMIT)]);
  return {
    open: open.map(problemView),
    recentlyResolved: resolved.map((row) => ({
      ...problemView(row),
      resolvedAt: row.resolved_at!.toISOString(),
      resolvedBy: { kind: row.resolved_by!, ...(row.resolved_ref && { ref: row.resolved_ref }) },
    })),
  };
}
