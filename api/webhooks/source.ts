// What every webhook source is to the receiving route (./receive.ts): which HR systems it serves,
// when a request says it was signed, how its signature is checked, and what an event says.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { HrisProvider } from '../../activities/hris/registry';
import { issuesToDetails } from '../../common/validation';
import { ApiError, validationFailed } from '../errors';

/** A request as a source reads it: the raw body as sent, and its headers. */
export interface SignedRequest {
  body: Buffer;
  header(name: string): string | undefined;
}

/** What an event announces: its id (at most 200 characters), and who changed; no hrisIds: the whole directory may have changed. */
export interface AnnouncedChange {
  eventId: string;
  hrisIds?: string[];
}

export interface WebhookSource {
  /** The HR systems whose tenants may set it up; 'any' for every one. */
  serves: readonly HrisProvider[] | 'any';
  /** When the sender signed the request, in seconds since the epoch; null when it did not say; undefined for a source that never says. */
  signedAt?(request: SignedRequest): number | null;
  /** Whether the signature is the secret's over this request, compared in constant time. */
  verify(request: SignedRequest, secret: string): boolean;
  /** The event's payload as the source sends it (for the contract). */
  payload: z.ZodType;
  /** What the verified event announces; throws an ApiError 400 naming what Roster cannot read. */
  read(request: SignedRequest): AnnouncedChange;
}

/** HMAC-SHA256 of `data` with `secret`, compared in constant time with the hex `signature` sent. */
export function hexHmacMatches(secret: string, data: Buffer, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac('sha256', secret).update(data).digest();
  const sent = Buffer.from(signature.trim().toLowerCase(), 'hex');
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

/** An event id for a sender that gives none: the same signed request always makes the same id. */
export const digestId = (...parts: (string | Buffer)[]) => parts.reduce((hash, part) => hash.update(part).update('\n'), createHash('sha256')).digest('hex');

/** The body read as JSON of the source's payload: a 400 names what is wrong, never quoting the body. */
export function readJson<S extends z.ZodType>(request: SignedRequest, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new ApiError(400, 'invalid_json', 'The webhook body is not valid JSON.');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw validationFailed(issuesToDetails(result.error.issues));
  return result.data;
}
