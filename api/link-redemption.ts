// Redeeming an authorization link: the customer's HRIS admin sends a key with no bearer token,
// since the link is the credential. The JSON route (routes/authorization-links.ts) and the HTML
// page (routes/authorize-page.ts) both run this. Neither the token nor the key appears in a log
// line or in any answer.
import type { NetworkPolicy } from '../activities/http/network-guard';
import type { Db } from '../common/db';
import type { SecretStore } from '../common/secrets';
import { plural, utcTime } from '../activities/notify/templates/layout';
import { claimLink, countRejection, findLinkByToken, MAX_REJECTED_KEYS, recordAttempt, releaseClaim, releaseTry, reserveTry, whyGone, type AttemptOutcome, type LinkRow } from '../common/authorization-links';
import { findTenant, type TenantRow } from '../common/tenants-repository';
import { setCredentialUpdate } from '../workflows/tenant-messages';
import { ApiError, parseBody } from './errors';
import { keyBody, verifyKey } from './hris-credentials';
import { sendSealed, type TenantWorkflows } from './tenant-workflows';

export interface LinkRouteDeps {
  db: Db;
  secrets: SecretStore;
  workflows: TenantWorkflows;
  /** Where the key's check may reach the HR system. */
  network: NetworkPolicy;
}

/** These answers concern a secret: never cached, never passed on as a referrer. */
export const privateAnswer = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

type GoneReason = 'used' | 'expired' | 'replaced' | 'too_many_rejected_keys' | 'no_tries_left' | 'revoked' | 'offboarded';

function goneReason(link: LinkRow, tenant: TenantRow, now: Date): GoneReason | undefined {
  if (tenant.stage === 'offboarded') return 'offboarded';
  const why = whyGone(link, now);
  if (why !== 'revoked') return why;
  return link.status_reason === 'replaced' || link.status_reason === 'too_many_rejected_keys' ? link.status_reason : 'revoked';
}

const askSupport = (tenant: TenantRow) => `your Roster contact${tenant.contacts.supportEmail ? ` (${tenant.contacts.supportEmail})` : ''}`;

function linkGone(reason: GoneReason, link: LinkRow, tenant: TenantRow): ApiError {
  const what: Record<GoneReason, string> = {
    used: 'This link has already been used: a key was verified through it.',
    expired: `This link expired at ${utcTime(link.expires_at.toISOString())}.`,
    replaced: 'This link was replaced by a newer one: use the newest link you were sent.',
    too_many_rejected_keys: `This link was closed after ${MAX_REJECTED_KEYS} rejected keys.`,
    no_tries_left: `This link has no tries left: the ${MAX_REJECTED_KEYS} keys it takes were sent, and some are still being checked with the HR system.`,
    revoked: 'This link was revoked.',
    offboarded: `Roster no longer connects ${tenant.name}'s HR system, so this link no longer takes a key.`,
  };
  const next: Partial<Record<GoneReason, string>> = {
    offboarded: `If that is unexpected, contact ${askSupport(tenant)}.`,
    no_tries_left: `If one of those keys works, there is nothing more to do; otherwise ask ${askSupport(tenant)} for a new link.`,
  };
  return new ApiError(410, 'link_gone', `${what[reason]} ${next[reason] ?? `To send a key, ask ${askSupport(tenant)} for a new link.`}`, undefined, { reason });
}

export interface FoundLink {
  link: LinkRow;
  tenant: TenantRow;
  /** The 410 to answer when the link no longer takes a key. */
  gone?: ApiError;
}

/** The link behind a token and its tenant, or a 404. */
export async function lookUpLink(db: Db, token: string): Promise<FoundLink> {
  const link = await findLinkByToken(db, token);
  if (!link) {
    throw new ApiError(404, 'link_not_found', 'This authorization link does not exist. Check that the whole address was copied from the e-mail, or ask your Roster contact for a new link.');
  }
  // A link's tenant always exists: tenant rows are never deleted.
  const tenant = (await findTenant(db, link.tenant_id))!;
  const reason = goneReason(link, tenant, new Date());
  return { link, tenant, gone: reason && linkGone(reason, link, tenant) };
}

/**
 * A key pasted into a link: verified with the HR system, then handed to the tenant workflow. Only
 * a verified key uses the link up; rejected keys are counted, and the limit revokes the link. A try
 * is reserved before the HR system is asked, so concurrent tries cannot get past the limit.
 * Throws an ApiError for every other outcome, as docs/API.md lists them; every try is recorded.
 */
export async function redeemLink({ db, secrets, workflows, network }: LinkRouteDeps, token: string, body: unknown, sourceAddress: string | undefined): Promise<void> {
  const { link, tenant, gone } = await lookUpLink(db, token);
  const record = (outcome: AttemptOutcome) => recordAttempt(db, { linkId: link.id, tenantId: tenant.id, at: new Date(), sourceAddress, outcome });
  /** For a link that stopped taking keys while this try was under way. */
  const goneSince = async (otherwise: GoneReason) => {
    await record('gone');
    return (await lookUpLink(db, token)).gone ?? linkGone(otherwise, link, tenant);
  };

  if (gone) {
    await record('gone');
    throw gone;
  }
  const { apiKey } = parseBody(keyBody, body);
  if (!(await reserveTry(db, link.id, new Date()))) throw await goneSince('no_tries_left');
  try {
    await verifyKey({ db, network }, tenant.id, tenant.hris, apiKey);
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 'credentials_rejected' && error.code !== 'credentials_insufficient_scope')) {
      // Nothing the key's holder got wrong: the try goes back and the link stays as it was.
      await releaseTry(db, link.id);
      if (error instanceof ApiError) await record(error.code === 'hris_unavailable' ? 'hris_unavailable' : 'misconfigured');
      throw error;
    }
    await record(error.code === 'credentials_rejected' ? 'rejected' : 'insufficient_scope');
    const counted = await countRejection(db, link.id, new Date());
    if (!counted) throw await goneSince('used');
    const triesLeft = MAX_REJECTED_KEYS - counted.rejected;
    const next = counted.revoked
      ? `That was the ${MAX_REJECTED_KEYS}th rejected key, so this link is now closed: ask ${askSupport(tenant)} for a new link.`
      : `The link still works: ${plural(triesLeft, 'try', 'tries')} left.`;
    throw new ApiError(400, error.code, `${error.message} ${next}`, undefined, { triesLeft, linkRevoked: counted.revoked });
  }

  if (!(await claimLink(db, link.id, new Date()))) throw await goneSince('used');
  try {
    await sendSealed(secrets, tenant.id, 'hris_key', apiKey, (credentialRef) => workflows.update(tenant, setCredentialUpdate, { credentialRef, actor: 'hris-admin:link' }));
  } catch (error) {
    // The link goes back so the admin can try again; a refusal (final, the key is gone too) ends it.
    await releaseClaim(db, link.id);
    if (!(error instanceof ApiError)) throw error;
    await record('gone');
    throw linkGone('offboarded', link, tenant);
  }
  await record('verified');
}
