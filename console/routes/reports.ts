// GET /reports/:token: one run's read-only report for the customer's people, who have no account.
// The signed link is the credential (common/report-links.ts): no session, nothing else of Roster,
// and nothing logs the path, which carries the token (the request log names the route pattern).
import { Router, type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import type { Db } from '../../common/db';
import { loggerFor } from '../../common/logger';
import { checkReportToken } from '../../common/report-links';
import type { Keyring } from '../../common/secrets';
import { findTenant } from '../../common/tenants-repository';
import { ApiError } from '../../api/errors';
import { decodeCursor, pageOf } from '../../api/paging';
import { itemPosition, sendErrorsCsv } from '../../api/routes/syncs';
import { itemsQuery, itemView, requireSyncRun, syncRunView } from '../../api/sync-view';
import type { ConsoleAssets } from '../assets';
import { ReportPage, type RunReport } from '../pages/report';
import { ReportUnavailablePage } from '../pages/report-unavailable';
import { sendPage } from '../render';

const log = loggerFor('console');

const RECORDS_PER_PAGE = 100;

interface ReportDeps {
  db: Db;
  keyring: Keyring;
  assets: Pick<ConsoleAssets, 'script' | 'style'>;
}

/** The run and tenant a token opens, or why it opens nothing. */
async function openReport(db: Db, keyring: Keyring, token: string): Promise<Omit<RunReport, 'records'> | 'expired' | 'invalid'> {
  const link = await checkReportToken(keyring, token);
  if (!link.valid) return link.expired ? 'expired' : 'invalid';
  const [run, tenant] = await Promise.all([
    requireSyncRun(db, link.runId).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }),
    findTenant(db, link.tenantId),
  ]);
  // A run that is gone, of another tenant, or of an offboarded one: the link opens nothing.
  if (!run || run.tenant_id !== link.tenantId || !tenant || tenant.stage === 'offboarded') return 'invalid';
  return { run: syncRunView(run), tenantName: tenant.name, timezone: tenant.config?.schedule.timezone, expiresAt: link.expiresAt.toISOString(), base: `/reports/${token}` };
}

export function reportPages({ db, keyring, assets }: ReportDeps): Router {
  const router = Router();
  const refuse = (res: Response, why: 'expired' | 'invalid') => sendPage(res, ReportUnavailablePage({ ctx: { assets }, expired: why === 'expired' }), why === 'expired' ? 410 : 404);

  // Kept out of search engines and caches, whatever the answer.
  const unlisted: RequestHandler = (_req, res, next) => {
    res.set({ 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' });
    next();
  };
  router.use('/reports', unlisted);

  router.get('/reports/:token', async (req, res) => {
    const report = await openReport(db, keyring, String(req.params.token));
    if (typeof report === 'string') return refuse(res, report);
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    // A hand-edited cursor shows the first page rather than an error.
    const after = (cursor === undefined ? undefined : decodeCursor(cursor, itemPosition)) ?? -1;
    const rows = await itemsQuery(db, report.run.id, { recordErrors: true }, after).limit(RECORDS_PER_PAGE + 1);
    const page = pageOf(rows, RECORDS_PER_PAGE, (row) => row.seq);
    sendPage(res, ReportPage({ ctx: { assets }, report: { ...report, records: page.rows.map(itemView) }, cursor, nextCursor: page.nextCursor }));
  });

  router.get('/reports/:token/errors.csv', async (req, res) => {
    const report = await openReport(db, keyring, String(req.params.token));
    if (typeof report === 'string') return refuse(res, report);
    await sendErrorsCsv(db, res, report.run.id);
  });

  // Any other address under /reports is no report.
  router.get('/reports/*rest', (_req, res) => refuse(res, 'invalid'));

  // Without the path: it holds the token.
  const failed: ErrorRequestHandler = (error, _req, res, _next) => {
    log.error('report page failed', { error });
    sendPage(res, ReportUnavailablePage({ ctx: { assets }, failed: true }), 500);
  };
  router.use(failed);
  return router;
}
