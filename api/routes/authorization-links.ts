// Authorization links over HTTP. Support issues one; the tenant workflow checks the stage and
// records it, seeing only the token's hash (and, for the e-mail, a sealed copy's reference). The
// customer's HRIS admin then redeems it with a key and no bearer token (../link-redemption.ts).
// Neither the token nor the key appears in a log line or in any answer but the issuing 201.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Router } from 'express';
import { z } from 'zod';
import { hashLinkToken, linkUrl, newLinkToken } from '../../common/authorization-links';
import { issueLinkUpdate } from '../../workflows/tenant-messages';
import { callerOf, requireRole } from '../auth';
import { parseBody } from '../errors';
import { privateAnswer, redeemLink, type LinkRouteDeps } from '../link-redemption';
import { apiRouter, requireTenant } from '../params';
import { refuseUnlessAllowed, sendSealed } from '../tenant-workflows';

export const issueBody = z.strictObject({
  expiresInHours: z.number({ message: 'must be a number of hours' }).int('must be a whole number of hours').min(1, 'must be at least 1').max(720, 'must be at most 720 (30 days)').default(168),
});

/** POST /api/tenants/:id/authorization-links, behind the bearer check. */
export function issueLinkRoutes({ db, secrets, workflows, publicUrl }: LinkRouteDeps & { publicUrl?: string }): Router {
  const router = apiRouter();
  router.post('/api/tenants/:id/authorization-links', requireRole('support'), async (req, res) => {
    const { expiresInHours } = parseBody(issueBody, req.body);
    const row = await requireTenant(db, String(req.params.id));
    // What the stage refuses is answered before anything is sealed.
    refuseUnlessAllowed(row.stage, 'authorize');
    const token = newLinkToken();
    const expiresAt = new Date(Date.now() + expiresInHours * 3_600_000).toISOString();
    const issue = (tokenRef?: string) => workflows.update(row, issueLinkUpdate, { linkId: randomUUID(), tokenHash: hashLinkToken(token), expiresAt, tokenRef, actor: callerOf(req).name });
    // Sealed only so the e-mail can carry it: the workflow gets the reference, never the token.
    if (row.contacts.hrisAdminEmail) await sendSealed(secrets, row.id, 'link_token', token, issue);
    else await issue();
    res.status(201).set(privateAnswer).json({ url: linkUrl(publicUrl ?? `${req.protocol}://${req.get('host')}`, token), expiresAt });
  });
  return router;
}

/** POST /api/authorize/:linkToken, mounted before the bearer check, behind the link rate limits. */
export function redeemLinkRoutes(deps: LinkRouteDeps, limits: RequestHandler[]): Router {
  const router = apiRouter();
  router.post('/api/authorize/:linkToken', ...limits, async (req, res) => {
    res.set(privateAnswer);
    await redeemLink(deps, String(req.params.linkToken), req.body, req.ip);
    res.json({ verified: true });
  });
  return router;
}
