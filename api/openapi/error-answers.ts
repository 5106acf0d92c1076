// The error answers of the published contract. Every code of api/error-codes.ts says here with
// which statuses it is answered and what it means, so a new code cannot reach an answer without
// reaching the document too. An operation lists the codes it can answer; its error answers, one per
// status, are built from that list.
import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import { detailSchema, type ApiErrorCode } from '../errors';

interface CodeEntry {
  statuses: readonly number[];
  means: string;
  /** Its answer says in `Retry-After` how many seconds to wait before asking again. */
  retryAfter?: true;
}

export const errorCodes: Record<ApiErrorCode, CodeEntry> = {
  unauthenticated: { statuses: [401], means: 'no API token, or an unknown or revoked one' },
  forbidden: { statuses: [403], means: "the token's role is too small" },
  csrf_token_invalid: { statuses: [403], means: "a write signed in by the console's session cookie came without its CSRF token in `X-CSRF-Token`" },
  not_found: { statuses: [404], means: 'there is no such route' },
  invalid_json: { statuses: [400], means: 'the body is not valid JSON' },
  payload_too_large: { statuses: [413], means: 'the body is over its limit (1 MB for JSON)' },
  // The body parser's other refusals keep its status: an unsupported charset or encoding is a 415.
  bad_request: { statuses: [400, 415], means: 'the request could not be read' },
  unsupported_media_type: { statuses: [415], means: 'the body is not of the media type the route takes' },
  rate_limited: { statuses: [429], means: 'too many requests to authorization links from one address or for one link; wait as Retry-After says', retryAfter: true },
  tenant_not_found: { statuses: [404], means: 'there is no such tenant (or the id cannot be one)' },
  sync_not_found: { statuses: [404], means: 'there is no such sync run (or the id is not a UUID)' },
  person_not_found: { statuses: [404], means: 'there is no such person' },
  link_not_found: { statuses: [404], means: 'there is no such authorization link' },
  unknown_file_kind: { statuses: [404], means: 'the file kind is not users, groups or group-mappings' },
  tenant_exists: { statuses: [409], means: 'the tenant id was taken before; ids are never reused' },
  person_exists: { statuses: [409], means: 'the demo directory already has a person with this hrisId' },
  link_gone: { statuses: [410], means: 'the link no longer takes a key; `reason` says why' },
  token_exists: { statuses: [409], means: 'an API token has this name already (revoked ones keep theirs)' },
  token_not_found: { statuses: [404], means: 'there is no API token with this name' },
  token_revoked: { statuses: [409], means: 'the API token was revoked already' },
  not_a_demo_tenant: { statuses: [409], means: "the tenant's HR system is not the demo" },
  not_a_csv_tenant: { statuses: [409], means: "the tenant's HR system does not take files" },
  incremental_not_supported: { statuses: [400], means: 'the HR system cannot say who changed, so it is always read in full' },
  run_data_purged: { statuses: [409], means: "the run is past the retention period: which accounts it created is no longer kept" },
  credentials_rejected: { statuses: [400], means: 'the HR system refused the key' },
  credentials_insufficient_scope: { statuses: [400], means: 'the key works but cannot see everyone' },
  hris_misconfigured: { statuses: [400], means: "the HR system's settings do not work, or a CSV tenant has no accepted users.csv yet" },
  hris_unavailable: { statuses: [503], means: 'the HR system could not answer; nothing changed' },
  platform_credentials_rejected: { statuses: [400], means: 'the platform refused the new token; the one in use stays' },
  platform_misconfigured: { statuses: [400], means: "the platform's settings do not work with the new token (address, an address that is not public, an answer that is not SCIM)" },
  platform_unavailable: { statuses: [503], means: 'the platform could not answer to check the new token; nothing changed' },
  empty_file: { statuses: [400], means: 'the file has no rows under its header' },
  invalid_csv: { statuses: [400], means: 'the file cannot be read as CSV of its kind; it is refused whole' },
  payload_undecodable: { statuses: [400], means: "a payload is not one Roster's codec can open: altered, or sealed with a key that is not configured" },
  webhook_unauthenticated: { statuses: [401], means: 'the webhook could not be verified (the URL, the signing secret or the signature), or its timestamp is more than 5 minutes from Roster’s clock' },
  webhook_replayed: { statuses: [409], means: 'the event was received before; it is not stored twice' },
  webhook_source_not_found: { statuses: [404], means: 'there is no such webhook source, or the tenant has not set it up' },
  webhook_source_registered: { statuses: [409], means: 'Roster registers and removes the BambooHR webhook itself' },
  webhook_source_mismatch: { statuses: [400], means: "the source does not send the tenant's HR system's events" },
  validation_failed: { statuses: [400], means: 'a field is invalid: `details` names each one' },
  invalid_transition: { statuses: [409], means: 'the stage does not allow it: the message names the stage and what it allows' },
  identity_key_locked: { statuses: [409], means: 'the identity key cannot change once the tenant has gone live' },
  credentials_missing: { statuses: [409], means: 'the tenant has no verified HRIS key' },
  test_not_approvable: { statuses: [409], means: 'the latest test cannot be approved: the message says why' },
  sync_in_progress: { statuses: [409], means: 'a run is open; `syncId` names it' },
  not_awaiting_approval: { statuses: [409], means: 'the run is not held for approval' },
  run_finished: { statuses: [409], means: 'the run has finished: there is nothing to decide' },
  temporal_unavailable: { statuses: [503], means: 'Roster cannot reach Temporal right now (a restart, an outage); nothing was lost, retry after Retry-After', retryAfter: true },
  database_unavailable: { statuses: [503], means: 'Roster cannot reach its database right now; nothing was lost, retry after Retry-After', retryAfter: true },
  internal_error: { statuses: [500], means: "Roster's own fault; it is logged" },
};

/** Through a link: what a rejected key leaves of it. */
const linkTry = {
  triesLeft: z.int().min(0).optional().meta({ description: 'Through a link: the keys it still takes.' }),
  linkRevoked: z.boolean().optional().meta({ description: 'Through a link: this rejected key closed it.' }),
};

/** What some errors carry beside their code and message (docs/API.md "Conventions"). */
const extras: Partial<Record<ApiErrorCode, z.ZodRawShape>> = {
  sync_in_progress: { syncId: z.string().optional().meta({ description: 'The open run.' }) },
  link_gone: {
    reason: z.string().optional().meta({ description: 'link_gone: why the link no longer takes a key: used, expired, replaced, too_many_rejected_keys, no_tries_left, revoked or offboarded.' }),
  },
  credentials_rejected: linkTry,
  credentials_insufficient_scope: linkTry,
};

/** The error body for answers with these codes: `{"error": {"code", "message", "details"?, …}}`. */
function errorBody(codes: readonly ApiErrorCode[]) {
  return z.object({
    error: z.object({
      code: z.enum(codes as [ApiErrorCode, ...ApiErrorCode[]]),
      message: z.string().meta({ description: 'A sentence a support agent can act on.' }),
      ...(codes.includes('validation_failed') && { details: z.array(detailSchema).optional().meta({ description: 'validation_failed: one entry per bad field.' }) }),
      ...Object.assign({}, ...codes.map((code) => extras[code] ?? {})),
    }),
  });
}

/** Every error answer: what a client can expect of any route, including one that does not exist. */
export const anyErrorBody = errorBody(Object.keys(errorCodes) as ApiErrorCode[]).meta({ id: 'Error', unusedIO: 'output' });

const describe = (codes: readonly ApiErrorCode[]) => codes.map((code) => `\`${code}\`: ${errorCodes[code].means}.`).join('\n\n');

/** The codes grouped by the statuses they are answered with, in status order. */
function codesByStatus(codes: readonly ApiErrorCode[]): [number, ApiErrorCode[]][] {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set(codes)) for (const status of errorCodes[code].statuses) byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  return [...byStatus].sort(([a], [b]) => a - b);
}

const retryAfterHeader = z.object({ 'Retry-After': z.string().optional().meta({ description: 'Seconds to wait before retrying, where the code says so.' }) });

/** The JSON error answers for these codes, one per status. */
export function errorAnswers(codes: readonly ApiErrorCode[]): Record<string, ZodOpenApiResponseObject> {
  return Object.fromEntries(
    codesByStatus(codes).map(([status, listed]) => [
      status,
      { description: describe(listed), content: { 'application/json': { schema: errorBody(listed) } }, ...(listed.some((code) => errorCodes[code].retryAfter) && { headers: retryAfterHeader }) },
    ]),
  );
}
