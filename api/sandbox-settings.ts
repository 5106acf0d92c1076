// The sandbox platform's settings at the edge (docs/API.md "A sandbox platform"): as the tenant's
// answer shows them (the address only), and what a settings patch leaves of them (creation's
// schema is tenant-input.ts's, beside the production platform's). Its token is handled as the production one: sealed at creation,
// checked with the platform before it is sealed by a patch, never shown back.
import { z } from 'zod';
import type { SandboxSettings } from '../common/tenant';
import { afterGoLive, type Stage } from '../common/stages';
import type { Detail } from '../common/validation';
import { scimFields } from './tenant-input';

/** The sandbox as the tenant's answer shows it. */
export const sandboxViewSchema = z.object({ baseUrl: z.string() }).meta({ description: "The sandbox's SCIM address; its token is never shown." });

/** The sandbox as a patch sends it: either field alone, or null to remove it. */
export function sandboxPatchSchema(url: z.ZodType<string>) {
  const { baseUrl, token } = scimFields(url);
  return z
    .strictObject({ baseUrl: baseUrl.optional(), token: token.optional().meta({ description: 'A new sandbox token: checked with the sandbox before it replaces the old one.' }) })
    .nullable()
    .optional()
    .meta({ description: 'The sandbox platform to set or change; null removes it (before go-live only).' });
}

export type SandboxPatch = z.output<ReturnType<typeof sandboxPatchSchema>>;

/** A sandbox at the production platform's own address would write to production before go-live. */
export function sandboxAddressProblem(sandboxUrl: string, productionUrl: string): Detail | undefined {
  const same = (url: string) => url.replace(/\/+$/, '').toLowerCase();
  if (same(sandboxUrl) !== same(productionUrl)) return undefined;
  return { path: 'platform.sandbox.baseUrl', message: "must be the sandbox's address, not the production platform's baseUrl" };
}

/** What a patch leaves of the sandbox: the settings kept, and a new token with the address to check it against. */
export interface PatchedSandbox {
  sandbox?: SandboxSettings;
  newToken?: { token: string; baseUrl: string };
}

export function patchSandbox(stage: Stage, current: SandboxSettings | undefined, patch: SandboxPatch, productionUrl: string, problems: Detail[]): PatchedSandbox {
  if (patch === undefined) return current ? { sandbox: current } : {};
  if (afterGoLive.includes(stage)) {
    problems.push({ path: 'platform.sandbox', message: 'cannot change once the tenant has gone live: every run goes to production.' });
    return {};
  }
  if (patch === null) return {};
  const baseUrl = patch.baseUrl ?? current?.baseUrl;
  if (baseUrl === undefined) {
    problems.push({ path: 'platform.sandbox.baseUrl', message: "is required: the sandbox's SCIM address" });
    return {};
  }
  const addressProblem = sandboxAddressProblem(baseUrl, productionUrl);
  if (addressProblem) problems.push(addressProblem);
  if (patch.token !== undefined) return { newToken: { token: patch.token, baseUrl } };
  if (!current) problems.push({ path: 'platform.sandbox.token', message: "is required: the sandbox's SCIM bearer token" });
  else if (baseUrl !== current.baseUrl) problems.push({ path: 'platform.sandbox.token', message: "is required when the sandbox's baseUrl changes: a token is only ever sent to the address it was checked with." });
  return current && baseUrl === current.baseUrl ? { sandbox: current } : {};
}
