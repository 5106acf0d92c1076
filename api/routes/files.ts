// PUT /api/tenants/:id/files/:kind: a CSV tenant's users.csv, groups.csv or group-mappings.csv
// (docs/API.md). An accepted file replaces the latest of its kind, and the next run reads the latest
// set; its bad rows are answered with their lines and fail alone. The body is the file itself,
// `text/csv`, up to 50 MB (about 200,000 people). The first users.csv accepted while the tenant
// waits for authorization authorises it, so the customer's first upload starts the test run.
import express, { type Router } from 'express';
import { z } from 'zod';
import { linkMappings } from '../../activities/hris/csv/directory';
import { knownCsvIds, saveCsvFile } from '../../activities/hris/csv/files';
import { CsvFileRefused, csvFileKinds, parseCsvFile, type CsvFileKind, type CsvRowError, type ParsedFile, type RowsOf } from '../../common/csv/files';
import type { Db } from '../../common/db';
import { callerOf, requireRole } from '../auth';
import { ApiError } from '../errors';
import { authorizeCsvTenant, type CredentialDeps } from '../hris-credentials';
import { apiRouter, requireTenant } from '../params';

const MAX_FILE = '50mb';

export const acceptedFileSchema = z.object({
  rows: z.int().min(0).meta({ description: 'Data records read, usable or not.' }),
  errors: z
    .array(z.object({ line: z.int().min(1), code: z.enum(['bad_email', 'duplicate_id', 'unknown_group', 'unknown_subgroup', 'unknown_user', 'bad_row']), message: z.string() }))
    .meta({ description: 'The rows that fail alone, by line.' }),
});
const isKind = (kind: string): kind is CsvFileKind => (csvFileKinds as readonly string[]).includes(kind);

/** Mappings checked against the latest accepted groups and people, where those files exist yet. */
async function crossFileErrors(db: Db, tenantId: string, kind: CsvFileKind, parsed: ParsedFile<RowsOf[CsvFileKind]>): Promise<CsvRowError[]> {
  if (kind !== 'group-mappings') return [];
  return linkMappings(parsed.rows as RowsOf['group-mappings'][], await knownCsvIds(db, tenantId)).errors;
}

export function fileRoutes(deps: CredentialDeps): Router {
  const { db } = deps;
  const router = apiRouter();
  router.put('/api/tenants/:id/files/:kind', requireRole('support'), express.raw({ type: 'text/csv', limit: MAX_FILE }), async (req, res) => {
    const kind = String(req.params.kind);
    if (!isKind(kind)) throw new ApiError(404, 'unknown_file_kind', `There is no file kind '${kind}': upload one of ${csvFileKinds.join(', ')}.`);
    const tenant = await requireTenant(db, String(req.params.id));
    if (tenant.hris.provider !== 'csv') throw new ApiError(409, 'not_a_csv_tenant', `The tenant '${tenant.id}' reads its people from ${tenant.hris.provider}, not from uploaded files.`);
    if (tenant.stage === 'offboarded') throw new ApiError(409, 'invalid_transition', `The tenant '${tenant.id}' is offboarded: Roster takes no more files for it.`);
    // express.raw leaves any other content type unread: a body Roster did not read is not an empty file.
    const sent = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
    if (!Buffer.isBuffer(req.body) && sent) throw new ApiError(415, 'unsupported_media_type', 'Send the file itself as the body, with Content-Type: text/csv.');
    let parsed: ParsedFile<RowsOf[CsvFileKind]>;
    try {
      parsed = parseCsvFile(kind, Buffer.isBuffer(req.body) ? req.body : new Uint8Array(), { identityKey: tenant.config?.identityKey });
    } catch (error) {
      if (error instanceof CsvFileRefused) throw new ApiError(400, error.code, error.message);
      throw error;
    }
    const errors = [...parsed.errors, ...(await crossFileErrors(db, tenant.id, kind, parsed))].sort((a, b) => a.line - b.line);
    const actor = callerOf(req).name;
    await saveCsvFile(db, tenant.id, kind, parsed, actor);
    if (kind === 'users' && (tenant.stage === 'authorization' || tenant.stage === 'needs_reauthorization')) await authorizeCsvTenant(deps, tenant, actor);
    res.json({ rows: parsed.records, errors: errors.map(({ line, code, message }) => ({ line, code, message })) } satisfies z.output<typeof acceptedFileSchema>);
  });
  return router;
}
