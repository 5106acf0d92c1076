// The body of `POST /api/tenants`, validated at the edge. The platform token is pulled out here
// so that it goes to the secret store and nowhere else.
import { z } from 'zod';
import { hrisRegistry } from '../activities/hris/registry';
import { hrisProviders, tenantIdPattern } from '../common/tenant';
import { checkUrl } from '../common/url-policy';
import { line } from '../common/validation';

export const tenantIdRule = 'must be 2 to 63 lower-case letters, digits or dashes, starting with a letter or digit';
const tenantId = z.string({ message: 'is required: lower-case letters, digits and dashes, e.g. "acme-corp"' }).regex(tenantIdPattern, tenantIdRule);

const email = line(320, { error: 'must be an e-mail address' }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address such as it@acme.example');

export function tenantInputSchema(allowPrivateUrls: boolean) {
  const url = line(2048, { error: 'must be a URL' }).superRefine((value, ctx) => {
    const problem = checkUrl(value, allowPrivateUrls);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

  // One object per HR system, its fields from its descriptor (activities/hris/registry.ts).
  const [first, ...others] = hrisProviders.map((provider) => z.strictObject({ provider: z.literal(provider), ...hrisRegistry[provider].settings({ z, url }) }));
  const hris = z.discriminatedUnion('provider', [first!, ...others], { message: `must be one of: ${hrisProviders.join(', ')}` });

  const platform = z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('scim'),
        baseUrl: url,
        token: line(4096, { error: "is required: the platform's SCIM bearer token" }).min(1, "is required: the platform's SCIM bearer token"),
        loginUrl: url.optional(),
        maxRequestsPerSecond: z.number({ message: 'must be a number of requests per second' }).positive('must be more than 0').max(1000, 'must be at most 1000').default(10),
        concurrency: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32').default(4),
        customSchema: line(200).regex(/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i, 'must be a schema URN such as urn:ietf:params:scim:schemas:extension:acme:2.0:User').optional(),
      }),
      z.strictObject({ kind: z.literal('demo'), loginUrl: url.optional() }),
    ],
    { message: 'must be "scim" or "demo"' },
  );

  return z.strictObject({
    id: tenantId,
    name: line(200, { error: "is required: the customer's name" }).trim().min(1, "is required: the customer's name"),
    hris: z.object({}, { message: `is required: {"provider": ${hrisProviders.map((p) => `"${p}"`).join(' | ')}, ...}` }).passthrough().pipe(hris),
    platform: z.object({}, { message: 'is required: {"kind": "scim", "baseUrl", "token"} or {"kind": "demo"}' }).passthrough().pipe(platform),
    contacts: z.strictObject({ supportEmail: email.optional(), hrisAdminEmail: email.optional() }).default({}),
  });
}

export type TenantInput = z.infer<ReturnType<typeof tenantInputSchema>>;
