// The HRIS key's operations of the published contract: support enters or revokes it
// (routes/credentials.ts, routes/lifecycle.ts) or issues a link (routes/authorization-links.ts),
// and the customer's HRIS admin redeems the link with no bearer token: the link is the credential
// (routes/authorize-page.ts for people, the JSON route for tooling).
import { z } from 'zod';
import { csvCredentialBody, keyBody } from '../hris-credentials';
import { issueBody } from '../routes/authorization-links';
import { reasonBody } from '../routes/lifecycle';
import { tenantSchema } from '../tenant-view';
import type { ApiErrorCode } from '../errors';
import { drivesWorkflow, type Operation } from './operation';

const tag = 'Keys';
// What checking a key with the HR system answers (docs/API.md "Keys").
const verifying: ApiErrorCode[] = ['validation_failed', 'credentials_rejected', 'credentials_insufficient_scope', 'hris_misconfigured', 'hris_unavailable'];
const page = (description: string) => ({ description, type: 'text/html' as const });
const linkPages = {
  404: page('The link does not exist.'),
  410: page('The link no longer takes a key, saying why.'),
  429: page('Too many requests for this link or from this address.'),
  500: page('Roster could not finish this; nothing was lost.'),
};

export const keyOperations: Operation[] = [
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/credentials',
    id: 'enterKey',
    summary: "Enter the tenant's HRIS key",
    description:
      'The key is verified with the HR system before anything is kept, then sealed; a rejected key never replaces a verified one. A CSV tenant has no key: `{}` authorises it once its users.csv is accepted. A stage that takes no key answers 409 `invalid_transition` first.',
    ...drivesWorkflow,
    body: { schema: z.union([keyBody, csvCredentialBody]) },
    answers: { 200: { description: 'The tenant once the key is verified; it moves as the stage table says.', json: tenantSchema } },
    errors: [...verifying, 'invalid_transition'],
  },
  {
    tag,
    method: 'delete',
    path: '/api/tenants/{id}/credentials',
    id: 'revokeKey',
    summary: "Revoke the tenant's HRIS key",
    description: 'The key is destroyed; what the stage does then: the stage table (docs/PRODUCT.md).',
    ...drivesWorkflow,
    body: { schema: reasonBody },
    answers: { 200: { description: 'The tenant without a key.', json: tenantSchema } },
    errors: ['validation_failed', 'invalid_transition'],
  },
  {
    tag,
    method: 'post',
    path: '/api/tenants/{id}/authorization-links',
    id: 'issueAuthorizationLink',
    summary: 'Issue an authorization link',
    description: "E-mailed to `contacts.hrisAdminEmail` when set; a new link revokes older ones. The answer is the only place the link's token appears.",
    ...drivesWorkflow,
    body: { schema: issueBody },
    answers: { 201: { description: 'The link.', json: z.object({ url: z.string().meta({ description: '`${ROSTER_PUBLIC_URL}/authorize/<token>`.' }), expiresAt: z.iso.datetime() }) } },
    errors: ['validation_failed', 'invalid_transition'],
  },
  {
    tag,
    method: 'post',
    path: '/api/authorize/{linkToken}',
    id: 'redeemAuthorizationLink',
    summary: 'Send a key through an authorization link',
    description: 'For tooling; people use the page at `/authorize/{linkToken}`. The fifth rejected key closes the link.',
    uses: ['database', 'temporal'],
    body: { schema: keyBody },
    answers: { 200: { description: 'The key is verified and kept; the link is used up.', json: z.object({ verified: z.literal(true) }) } },
    errors: [...verifying, 'link_gone', 'rate_limited'],
  },
  {
    tag,
    method: 'get',
    path: '/authorize/{linkToken}',
    id: 'authorizationPage',
    summary: "The customer's authorization page",
    description: "Plain HTML for the customer's HRIS admin: the tenant's name, the HR system, where in it the key is made, and one field for the key.",
    page: true,
    answers: { 200: page('The page with its form.'), ...linkPages },
  },
  {
    tag,
    method: 'post',
    path: '/authorize/{linkToken}',
    id: 'authorizationPageForm',
    summary: "The authorization page's form",
    description: 'Runs what `POST /api/authorize/{linkToken}` runs, answering each outcome with a page.',
    page: true,
    body: { schema: keyBody, type: 'application/x-www-form-urlencoded' },
    answers: {
      200: page('The key works and is kept.'),
      400: page('The form could not be read, or the key was refused: the form again, saying why, or the end of the link.'),
      ...linkPages,
      503: page('The HR system could not answer: the form again.'),
    },
  },
];
