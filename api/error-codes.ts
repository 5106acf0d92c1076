// Every code the API answers in `{"error": {"code", …}}` (docs/API.md), in one list: an ApiError takes
// only these, so a misspelt code is a compile error rather than a new code in the contract. Codes
// that come from elsewhere are checked too: a refused CSV file's (routes/files.ts) and a
// workflow's refusals (updateRefusal) must be listed here to reach an answer.
import { runRefusalCodes } from '../workflows/sync-messages';
import { refusalCodes } from '../workflows/tenant-messages';

export const apiErrorCodes = [
  // The edge: the token, the role, the path, the body.
  'unauthenticated',
  'forbidden',
  // A write through a console session without its CSRF token (console/session.ts).
  'csrf_token_invalid',
  'not_found',
  'invalid_json',
  'payload_too_large',
  'bad_request',
  'unsupported_media_type',
  // Too many requests to authorization links from one address or for one link (api/link-rate-limits.ts).
  'rate_limited',
  // What a path names and cannot be found, or cannot be made twice.
  'tenant_not_found',
  'sync_not_found',
  'person_not_found',
  'link_not_found',
  'unknown_file_kind',
  'tenant_exists',
  'person_exists',
  'link_gone',
  // API tokens (routes/tokens.ts): a name taken, unknown, or already revoked.
  'token_exists',
  'token_not_found',
  'token_revoked',
  // What the tenant cannot do with its HR system or platform.
  'not_a_demo_tenant',
  'not_a_csv_tenant',
  'incremental_not_supported',
  // A later welcome to the accounts of a run whose items the retention period has taken (routes/welcomes.ts).
  'run_data_purged',
  // A key checked with the HR system (verifyKey), a CSV file refused whole (CsvFileRefused).
  'credentials_rejected',
  'credentials_insufficient_scope',
  'hris_misconfigured',
  'hris_unavailable',
  // A new platform token checked with the platform (api/platform-check.ts).
  'platform_credentials_rejected',
  'platform_misconfigured',
  'platform_unavailable',
  'empty_file',
  'invalid_csv',
  // A payload sent to /codec/decode that Roster's codec cannot open (routes/codec.ts).
  'payload_undecodable',
  // Webhooks (api/webhooks/, routes/webhook-sources.ts): a request not verified, an event received before, a source unknown, Roster's own or not the HR system's.
  'webhook_unauthenticated',
  'webhook_replayed',
  'webhook_source_not_found',
  'webhook_source_registered',
  'webhook_source_mismatch',
  // The tenant workflow's refusals of an update (validation_failed, invalid_transition, …).
  ...refusalCodes,
  // A sync run's refusals of approve, reject and cancel (workflows/sync-run.ts).
  ...runRefusalCodes,
  // Roster's dependencies and its own faults.
  'temporal_unavailable',
  'database_unavailable',
  'internal_error',
] as const;

export type ApiErrorCode = (typeof apiErrorCodes)[number];
