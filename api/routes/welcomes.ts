// Sending the welcome later (docs/API.md "Sending the welcome later"): support asks for everyone
// never welcomed, chosen people, or the accounts one run created. The body is checked here, the
// run it names too (it must be this tenant's applying run, its items still kept); the stage rules
// and the send itself are the tenant workflow's, so the send is in the tenant's history.
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { reasonText } from '../../common/validation';
import { LEFT_OUT_LISTED, welcomeLeftOutReasons, welcomesSummary, type WelcomesSent } from '../../common/welcomes';
import { sendWelcomesUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { ApiError, parseBody, validationFailed } from '../errors';
import { apiRouter, pathParams, requireTenant } from '../params';
import type { TenantWorkflows } from '../tenant-workflows';

/** Chosen people per request: one answer, one workflow update, a bounded history entry. */
export const MAX_CHOSEN = 1000;

export const welcomesBody = z
  .strictObject({
    hrisIds: z.array(pathParams.hrisId.schema).min(1).max(MAX_CHOSEN).optional().meta({ description: `Only these people (their HR ids, at most ${MAX_CHOSEN}).` }),
    syncId: pathParams.syncId.schema.optional().meta({ description: 'Only the accounts this run created (an applying run of this tenant).' }),
    reason: reasonText.optional(),
  })
  .refine((body) => body.hrisIds === undefined || body.syncId === undefined, { message: 'Give either hrisIds or syncId, not both.', path: ['syncId'] })
  .meta({ description: 'Neither `hrisIds` nor `syncId`: everyone Roster manages who never got a welcome.' });

const reason = z.enum(welcomeLeftOutReasons);
export const welcomesSentSchema = z
  .object({
    queued: z.int().meta({ description: 'Welcomes queued now; they go out in the background.' }),
    leftOut: z.object({
      count: z.int(),
      byReason: z.object(Object.fromEntries(welcomeLeftOutReasons.map((r) => [r, z.int()])) as Record<(typeof welcomeLeftOutReasons)[number], z.ZodInt>),
      people: z.array(z.object({ hrisId: z.string(), reason })).meta({ description: `The first ${LEFT_OUT_LISTED} people left out.` }),
    }),
  })
  .extend({ summary: z.string().meta({ description: 'The same in a sentence, as the console shows it.' }) })
  .meta({ id: 'WelcomesSent' }) satisfies z.ZodType<WelcomesSent>;

/** The run a send names: this tenant's, applying, with its items still kept. */
async function checkRun(db: Db, tenantId: string, syncId: string): Promise<void> {
  const run: { mode: string; data_purged_at: Date | null } | undefined = await db('sync_runs').where({ id: syncId, tenant_id: tenantId }).first('mode', 'data_purged_at');
  if (!run) throw validationFailed([{ path: 'syncId', message: `is not a run of this tenant.` }]);
  if (run.mode !== 'apply') throw validationFailed([{ path: 'syncId', message: 'is a dry run (a test), which created no account.' }]);
  if (run.data_purged_at) throw new ApiError(409, 'run_data_purged', `Run ${syncId} is past the retention period: which accounts it created is no longer kept. Send to everyone never welcomed, or name the people.`);
}

export function welcomesRoutes({ db, workflows }: { db: Db; workflows: TenantWorkflows }): Router {
  const router = apiRouter();
  router.post('/api/tenants/:id/welcomes', requireRole('support'), async (req, res) => {
    const { hrisIds, syncId, reason } = parseBody(welcomesBody, req.body ?? {});
    const row = await requireTenant(db, String(req.params.id));
    if (syncId) await checkRun(db, row.id, syncId);
    const sent = await workflows.update(row, sendWelcomesUpdate, { actor: callerOf(req).name, reason, hrisIds, syncId });
    res.json({ ...sent, summary: welcomesSummary(sent) } satisfies z.output<typeof welcomesSentSchema>);
  });
  return router;
}
