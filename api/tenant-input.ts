// The body of `POST /api/tenants`, validated at the edge. The platform token is pulled out here
// so that it goes to the secret store and nowhere else. The tenant's answer (tenant-view.ts) shows
// the same settings, so its schema is built from the parts below.
import { z } from 'zod';
import { hrisRegistry } from '../activities/hris/registry';
import { hrisProviders, tenantIdPattern } from '../common/tenant';
import { documentedAs } from '../common/documented-as';
import { checkUrl } from '../common/url-policy';
import { line } from '../common/validation';

export const tenantIdRule = 'must be 2 to 63 lower-case letters, digits or dashes, starting with a letter or digit';
const tenantId = z.string({ message: 'is required: lower-case letters, digits and dashes, e.g. "acme-corp"' }).regex(tenantIdPattern, tenantIdRule);

export const emailSchema = line(320, { error: 'must be an e-mail address' }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address such as it@acme.example');

export const contactsSchema = z.strictObject({ supportEmail: emailSchema.optional(), hrisAdminEmail: emailSchema.optional() });

export const tenantNameSchema = line(200, { error: "is required: the customer's name" }).trim().min(1, "is required: the customer's name");

/** A URL for an HR system or a platform; `allowPrivateUrls` also takes http and private hosts (common/url-policy.ts). */
export function urlSchema(allowPrivateUrls: boolean) {
  return line(2048, { error: 'must be a URL' }).superRefine((value, ctx) => {
    const problem = checkUrl(value, allowPrivateUrls);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** One object per HR system, its fields from its descriptor (activities/hris/registry.ts), with `extra` fields beside them. */
export function hrisSchema<Extra extends z.ZodRawShape>(url: z.ZodType<string>, extra: Extra = {} as Extra) {
  const [first, ...others] = hrisProviders.map((provider) => z.strictObject({ provider: z.literal(provider), ...hrisRegistry[provider].settings({ z, url }), ...extra }));
  return z.discriminatedUnion('provider', [first!, ...others], { message: `must be one of: ${hrisProviders.join(', ')}` });
}

/** The SCIM platform's fields, each as a value must be; which are optional is the caller's to say. */
export function scimFields(url: z.ZodType<string>) {
  return {
    baseUrl: url,
    token: line(4096, { error: "is required: the platform's SCIM bearer token" }).min(1, "is required: the platform's SCIM bearer token"),
    loginUrl: url,
    maxRequestsPerSecond: z.number({ message: 'must be a number of requests per second' }).positive('must be more than 0').max(1000, 'must be at most 1000'),
    concurrency: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32'),
    customSchema: line(200).regex(/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i, 'must be a schema URN such as urn:ietf:params:scim:schemas:extension:acme:2.0:User'),
  };
}

/** The sandbox as sent at creation: both fields. */
export function sandboxInputSchema(url: z.ZodType<string>) {
  const { baseUrl, token } = scimFields(url);
  return z
    .strictObject({ baseUrl, token }, { error: 'must be {"baseUrl", "token"}: the sandbox\'s SCIM address and its bearer token' })
    .meta({ description: "The customer's sandbox of the same platform: tests and trial loads write there before go-live. Its token is never shown." });
}

/** The platform's settings: the SCIM token is only ever sent, never shown. */
export function platformParts(url: z.ZodType<string>) {
  const fields = scimFields(url);
  return {
    scim: z.strictObject({
      kind: z.literal('scim'),
      baseUrl: fields.baseUrl,
      token: fields.token,
      loginUrl: fields.loginUrl.optional(),
      maxRequestsPerSecond: fields.maxRequestsPerSecond.default(10),
      concurrency: fields.concurrency.default(4),
      customSchema: fields.customSchema.optional(),
      sandbox: sandboxInputSchema(url).optional(),
    }),
    demo: z.strictObject({ kind: z.literal('demo'), loginUrl: url.optional() }),
  };
}

/**
 * A field checked in two steps: first that it is an object at all (with the message for a missing
 * one), then its settings. Documented as the second step, which is what a caller must send.
 */
function objectThen<T extends z.ZodType<unknown, Record<string, unknown>>>(missing: string, settings: T) {
  return documentedAs(z.object({}, { message: missing }).passthrough().pipe(settings), settings);
}

export function tenantInputSchema(allowPrivateUrls: boolean) {
  const url = urlSchema(allowPrivateUrls);
  const { scim, demo } = platformParts(url);
  return z.strictObject({
    id: tenantId,
    name: tenantNameSchema,
    hris: objectThen(`is required: {"provider": ${hrisProviders.map((p) => `"${p}"`).join(' | ')}, ...}`, hrisSchema(url)),
    platform: objectThen('is required: {"kind": "scim", "baseUrl", "token"} or {"kind": "demo"}', z.discriminatedUnion('kind', [scim, demo], { message: 'must be "scim" or "demo"' })),
    contacts: contactsSchema.default({}),
  });
}

export type TenantInput = z.infer<ReturnType<typeof tenantInputSchema>>;
