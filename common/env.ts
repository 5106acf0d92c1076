// Every process is configured by environment variables only, validated once at start-up so
// that a missing or bad value stops it with one line naming the variable.
import { accessSync, constants } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';
import { logLevels, parseComponentLevels } from './logger';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ message: 'must be a port number' })
  .int('must be a whole port number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const url = (example: string, protocols: string[]) =>
  z.string({ message: `is required, e.g. ${example}` }).refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL such as ${example}`);

// Express's own names for address ranges (proxy-addr): loopback, link-local and unique-local.
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An entry of a trust-proxy list as Express takes it: a range name, an address, or address/bits or address/netmask. */
function isProxyEntry(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', range, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4;
}

/**
 * Which proxies may set X-Forwarded-For, as Express's `trust proxy`: false (the client's own
 * address), a hop count, or a list of proxies. `true` trusts any client's header, so it is refused.
 */
const trustProxy = z
  .string()
  .transform((value, ctx): false | number | string[] => {
    const text = value.trim();
    if (text === 'false') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const entries = text.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyEntry)) return entries;
    ctx.addIssue({
      code: 'custom',
      message: `must be a hop count (e.g. 1), loopback, linklocal, uniquelocal, or a comma-separated list of proxy addresses and CIDR ranges${text === 'true' ? ' (true would trust any client to name its own address)' : ''}`,
    });
    return z.NEVER;
  })
  .default(false);

const encryptionKey = z
  .string({ message: 'is required: 32 random bytes as base64 or hex (openssl rand -base64 32)' })
  .refine((v) => decodeKey(v) !== undefined, 'must be 32 bytes as base64 (44 characters) or hex (64 characters)');

const readableFile = z.string().refine((path) => {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}, 'must be the path of a file this process can read');

const componentLevels = z
  .string()
  .default('')
  .transform((text, ctx) => {
    try {
      return parseComponentLevels(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const common = {
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  // A Temporal behind TLS, mTLS or an API key (Temporal Cloud), under the names Temporal's own CLI
  // and SDKs read (common/temporal.ts).
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: readableFile.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: readableFile.optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('roster'),
  DATABASE_URL: url('postgres://roster:secret@localhost:5432/roster', ['postgres:', 'postgresql:']),
  ROSTER_ENCRYPTION_KEY: encryptionKey,
  ROSTER_ENCRYPTION_OLD_KEYS: z
    .string()
    .default('')
    .refine((v) => v.split(',').every((k) => k.trim() === '' || decodeKey(k.trim()) !== undefined), 'must be a comma-separated list of 32-byte base64 or hex keys'),
  ROSTER_MIN_SCHEDULE_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(1, 'must be at least 1').default(15),
  LOG_LEVEL: z.enum(logLevels, { message: 'must be debug, info, warn or error' }).default('info'),
  /** Levels per component apart from LOG_LEVEL, e.g. api=debug,temporal-sdk=error (common/logger.ts). */
  LOG_LEVELS: componentLevels,
  /** Traces go over OTLP/HTTP to this collector (its base URL; /v1/traces is added); unset, tracing is off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: url('http://otel-collector:4318', ['http:', 'https:']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /** Both the API (URLs entered, keys checked) and the worker (every call to a tenant's systems) apply it. */
  ROSTER_ALLOW_PRIVATE_URLS: bool.default(false),
};

/** ROSTER_SHARED_RATE_LIMITS, e.g. `scim.platform.example=100,127.0.0.1:8080=50`: requests a second by host (with its port when not the default), for all of Roster. */
const sharedRateLimits = z
  .string()
  .default('')
  .transform((text, ctx) => {
    const limits: Record<string, number> = {};
    for (const part of text.split(',').map((item) => item.trim()).filter(Boolean)) {
      const match = /^([a-z0-9.-]+(?::\d{1,5})?)=(\d+(?:\.\d+)?)$/i.exec(part);
      if (!match || Number(match[2]) <= 0) {
        ctx.addIssue({ code: 'custom', message: `must be host=requests-per-second pairs separated by commas, e.g. scim.platform.example=100 (not "${part}")` });
        return z.NEVER;
      }
      limits[match[1]!.toLowerCase()] = Number(match[2]);
    }
    return limits;
  });

export const workerEnvSchema = z.object({
  ...common,
  SMTP_URL: url('smtp://mailpit:1025', ['smtp:', 'smtps:']),
  ROSTER_MAIL_FROM: z.string({ message: 'is required, e.g. "Roster <roster@example.com>"' }).min(3),
  ROSTER_PUBLIC_URL: url('https://roster.example.com', ['http:', 'https:']),
  ROSTER_APPROVAL_TIMEOUT_HOURS: z.coerce.number({ message: 'must be a number of hours' }).positive('must be more than 0').default(72),
  /** A workflow bundle made by `npm run build:workflows`; without it the worker bundles at start-up. */
  ROSTER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** How long the tenant workflow collects webhook events before one run reads them all (docs/PRODUCT.md "Webhooks"). */
  ROSTER_WEBHOOK_WINDOW_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).min(0, 'must be 0 or more').max(3600, 'must be at most 3600 (an hour)').default(30),
  /** Rate limits of a service for all tenants together, held across every worker (activities/http/shared-limits.ts). */
  ROSTER_SHARED_RATE_LIMITS: sharedRateLimits,
  ROSTER_RETENTION_DAYS: z.coerce.number({ message: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1').default(30),
  /** Support's own address: told of every tenant's problems and sent the daily digest (activities/health/). */
  ROSTER_SUPPORT_EMAIL: z.email({ message: 'must be an e-mail address such as support@example.com' }).optional(),
  /**
   * Workflows the worker keeps in memory between their tasks (docs/scaling.md "Worker memory"); one
   * evicted from the cache replays its history at its next task. The SDK's own default grows with
   * the heap and took a worker past 3 GB with a thousand tenants.
   */
  ROSTER_WORKER_CACHED_WORKFLOWS: z.coerce.number({ message: 'must be a number of workflows' }).int('must be a whole number').min(2, 'must be at least 2').default(300),
  /** Where the worker serves its metrics and the Temporal SDK's (telemetry/metrics/worker-server.ts); 0 takes any free port. */
  ROSTER_WORKER_METRICS_PORT: port.default(9464),
});

export const apiEnvSchema = z.object({
  ...common,
  PORT: port.default(3000),
  ROSTER_ADMIN_TOKEN: z.string().min(24, 'must be at least 24 characters (openssl rand -hex 24)').optional(),
  ROSTER_PUBLIC_URL: url('https://roster.example.com', ['http:', 'https:']).optional(),
  ROSTER_ALLOW_HTTP_PUBLIC_URL: bool.default(false),
  ROSTER_TRUST_PROXY: trustProxy,
  /** The address the API listens on; unset, every interface (`npm start` sets 127.0.0.1). */
  ROSTER_HOST: z.string().min(1).optional(),
  /** Temporal's Web UI, for the console's links to a tenant's and a run's workflows (`npm start` sets its own). */
  ROSTER_TEMPORAL_UI_URL: url('https://temporal-ui.example.com', ['http:', 'https:']).optional(),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;
export type ApiEnv = z.infer<typeof apiEnvSchema>;

export class EnvError extends Error {}

/** Parses the environment; the error names the first bad variable and what it should be. */
export function loadEnv<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(blanksRemoved);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new EnvError(`Invalid environment: ${String(issue.path[0])} ${issue.message}`);
}

/**
 * The production API (`npm run api`) e-mails and answers links that carry a credential, so their
 * base must be https unless the operator says otherwise (a trial on one machine).
 */
export function requireHttpsPublicUrl(env: ApiEnv): void {
  if (!env.ROSTER_PUBLIC_URL || new URL(env.ROSTER_PUBLIC_URL).protocol !== 'http:' || env.ROSTER_ALLOW_HTTP_PUBLIC_URL) return;
  throw new EnvError(
    `Invalid environment: ROSTER_PUBLIC_URL is ${env.ROSTER_PUBLIC_URL}, but authorization links carry a credential and must be https: put TLS in front of the API and give its https address, or set ROSTER_ALLOW_HTTP_PUBLIC_URL=true to allow http.`,
  );
}

/** The variables a process cannot start without (no default). */
export function requiredVariables(schema: z.ZodObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !(field as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
}

export function decodeKey(text: string): Buffer | undefined {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}
