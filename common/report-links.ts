// The signed link to one run's report, for the customer's people, who have no Roster account: the
// link is the credential. A JWT (HS256) naming the run and its tenant, nothing about a person,
// signed with the current 'report links' key and accepted under any key still in the keyring.
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { derivedKeys } from './derived-keys';
import type { Keyring } from './secrets';

/** Marks the token as a report link, so no other token signed with these keys passes for one. */
const KIND = 'roster-report+jwt';
const AUDIENCE = 'roster report';

export interface ReportLink {
  runId: string;
  tenantId: string;
}

export type ReportLinkCheck = ({ valid: true; expiresAt: Date } & ReportLink) | { valid: false; expired: boolean };

const claims = z.object({ sub: z.string().min(1), tid: z.string().min(1), exp: z.number() });

export async function signReportToken(keyring: Keyring, { runId, tenantId }: ReportLink, expiresAt: Date): Promise<string> {
  const [current] = derivedKeys(keyring, 'report links');
  return new SignJWT({ tid: tenantId })
    .setProtectedHeader({ alg: 'HS256', typ: KIND })
    .setSubject(runId)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(current!);
}

/** Whether the token is a report link Roster signed, and which run it opens; an expired one says so. */
export async function checkReportToken(keyring: Keyring, token: string): Promise<ReportLinkCheck> {
  // jose checks the signature before the claims: "expired" is only ever said of a genuine link.
  for (const key of derivedKeys(keyring, 'report links')) {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], typ: KIND, audience: AUDIENCE, requiredClaims: ['exp', 'sub'] });
      const parsed = claims.safeParse(payload);
      if (!parsed.success) return { valid: false, expired: false };
      return { valid: true, runId: parsed.data.sub, tenantId: parsed.data.tid, expiresAt: new Date(parsed.data.exp * 1000) };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { valid: false, expired: error instanceof errors.JWTExpired };
    }
  }
  return { valid: false, expired: false };
}

/** The report page a link opens: `${publicUrl}/reports/<token>`. */
export const reportUrl = (publicUrl: string, token: string): string => `${publicUrl.replace(/\/+$/, '')}/reports/${token}`;
