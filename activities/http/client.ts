// The one HTTP layer every connector uses. It honours `Retry-After` exactly, without counting the
// wait as a failed attempt; retries transient failures (5xx, timeouts, resets) with backoff
// within a time budget; and turns every failure into a typed ConnectorError. It connects only
// where the network policy lets it (network-guard.ts), never follows a redirect, and reads at most
// MAX_ANSWER_BYTES of an answer, all within the request's timeout (docs/CONNECTORS.md "Network policy").
import { fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { loggerFor } from '../../common/logger';
import { MAX_ANSWER_BYTES, readBounded, tooLarge } from './bounded-body';
import { ConnectorError } from './errors';
import { dispatcherFor, publicAddressesOnly, refusalIn, type NetworkPolicy } from './network-guard';
import type { Pacer } from './pace';
import type { SharedLimits } from './shared-limits';
import type { OutboundProvider } from '../../telemetry/metrics/catalogue';
import { measuredFetch } from '../../telemetry/metrics/outbound';

const log = loggerFor('connectors');

export interface HttpClientOptions {
  /** Includes the API's path prefix, e.g. https://app.humaans.io/api. */
  baseUrl: string;
  /** The service's name for messages: "Humaans", "the platform". */
  service: string;
  /** Whom the worker's metrics count these requests for; a test's client without one is not counted. */
  provider?: OutboundProvider;
  headers: () => Record<string, string>;
  /** Response headers in which the service gives an error's reason (an HR system's descriptor names them): the first present becomes `vendorCode`. */
  errorHeaders?: readonly string[];
  /** One request's timeout. */
  timeoutMs?: number;
  /** How long one call may keep retrying before it gives up. */
  budgetMs?: number;
  /** Failed attempts (not counting Retry-After waits) before giving up. */
  maxAttempts?: number;
  pacer?: Pacer;
  /** Limits of the service for all of Roster (ROSTER_SHARED_RATE_LIMITS), within the tenant's own pace. */
  shared?: SharedLimits;
  /** Where the layer may connect: public addresses only unless told otherwise. */
  network?: NetworkPolicy;
  /** The most one answer may hold; MAX_ANSWER_BYTES unless a test makes it small. */
  maxAnswerBytes?: number;
  /** A test's own transport (it stands in for the network policy's too). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What a connector's caller may tune: tests shorten budgets and observe waits through these. */
export type HttpTuning = Omit<HttpClientOptions, 'baseUrl' | 'service' | 'provider' | 'headers' | 'errorHeaders'>;

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Statuses the caller handles itself instead of their default mapping (e.g. 404 on a lookup). */
  accept?: number[];
}

export interface HttpAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface HttpClient {
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<HttpAnswer<T>>;
}

const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 10_000;

/** Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value.trim()) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Sends a request over the dispatcher that carries out `network`. */
function fetchWithin(network: NetworkPolicy): typeof fetch {
  const dispatcher = dispatcherFor(network);
  // undici's own fetch, so that its dispatcher is the one it was built for (Node's fetch bundles another undici).
  return (input, init) => undiciFetch(input as URL, { ...(init as UndiciRequestInit), dispatcher }) as unknown as Promise<Response>;
}

/** A 3xx: followed, it could take the key to a host support never entered, so it is refused and named. */
function redirectError(service: string, what: string, response: Response, from: URL): ConnectorError {
  const location = response.headers.get('location');
  let target = 'an address it did not give';
  try {
    if (location) target = new URL(location, from).host;
  } catch {
    // An unreadable Location is named as missing.
  }
  const message = `${service} answered ${response.status} to ${what}, redirecting to ${target}: Roster does not follow redirects, so that a key only ever goes to the address support entered. Set the base URL to the address it redirects to`;
  return new ConnectorError('misconfigured', message, { status: response.status });
}

function statusError(service: string, what: string, status: number, retryAfterMs: number | undefined, vendorCode?: string): ConnectorError {
  const suffix = vendorCode ? ` (${vendorCode})` : '';
  const message = `${service} answered ${status} to ${what}${suffix}`;
  if (status === 401) return new ConnectorError('credentials_rejected', `${message}: the key was rejected`, { status, vendorCode });
  if (status === 403) return new ConnectorError('credentials_rejected', `${message}: the key is not allowed to do this`, { status, vendorCode });
  if (status === 404) return new ConnectorError('not_found', message, { status, vendorCode });
  if (status === 409) return new ConnectorError('conflict', message, { status, vendorCode });
  if (status === 429) return new ConnectorError('rate_limited', message, { status, retryAfterMs, vendorCode });
  if (status >= 500) return new ConnectorError('transient', message, { status, retryAfterMs, vendorCode });
  return new ConnectorError('invalid_request', message, { status, vendorCode });
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const {
    service,
    timeoutMs = 30_000,
    budgetMs = 120_000,
    maxAttempts = 5,
    maxAnswerBytes = MAX_ANSWER_BYTES,
    fetch: doFetch = fetchWithin(options.network ?? publicAddressesOnly),
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
    now = Date.now,
  } = options;
  const base = options.baseUrl.replace(/\/+$/, '');
  const send = options.provider ? measuredFetch(options.provider, doFetch) : doFetch;

  // Reading the body belongs to the attempt: a timeout or a reset mid-body is as transient as one
  // before the headers, and the pacer's slot covers the whole exchange.
  const attempt = async (method: string, url: URL, init: RequestInit, what: string, accept: number[]) => {
    const call = async () => {
      await options.shared?.turn(url);
      const stop = new AbortController();
      try {
        const signal = AbortSignal.any([stop.signal, AbortSignal.timeout(timeoutMs)]);
        const response = await send(url, { ...init, method, redirect: 'manual', signal });
        if (!response.ok && !accept.includes(response.status)) {
          await response.body?.cancel();
          return { response, text: '' };
        }
        const text = await readBounded(response, maxAnswerBytes, () => stop.abort());
        if (text === undefined) throw tooLarge(service, what, maxAnswerBytes);
        return { response, text };
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        const refused = refusalIn(error);
        if (refused) throw new ConnectorError('misconfigured', `Roster did not connect to ${service} (${what}): ${refused.message}, and Roster connects only to public addresses`);
        const reason = (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'could not be reached';
        throw new ConnectorError('transient', `${service} ${reason} (${what})`);
      }
    };
    const answer = options.pacer ? await options.pacer.run(call) : await call();
    const { response } = answer;
    if (response.ok || accept.includes(response.status)) return answer;
    if (response.status >= 300 && response.status < 400) throw redirectError(service, what, response, url);
    const vendorCode = (options.errorHeaders ?? []).map((name) => response.headers.get(name)).find((value) => value !== null) ?? undefined;
    throw statusError(service, what, response.status, parseRetryAfter(response.headers.get('retry-after'), now()), vendorCode);
  };

  return {
    async request<T>(method: string, path: string, request: RequestOptions = {}): Promise<HttpAnswer<T>> {
      const url = new URL(base + path);
      for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
      const what = `${method} ${url.pathname}`;
      const headers: Record<string, string> = { accept: 'application/json', ...options.headers(), ...request.headers };
      if (request.body !== undefined) headers['content-type'] ??= 'application/json';
      const init: RequestInit = { headers, body: request.body === undefined ? undefined : JSON.stringify(request.body) };

      const deadline = now() + budgetMs;
      let failures = 0;
      for (;;) {
        const started = now();
        try {
          const { response, text } = await attempt(method, url, init, what, request.accept ?? []);
          let body: unknown = text;
          if (text && (response.headers.get('content-type') ?? '').includes('json')) {
            try {
              body = JSON.parse(text);
            } catch {
              throw new ConnectorError('invalid_response', `${service} sent unreadable JSON to ${what}`, { status: response.status });
            }
          }
          log.debug('http', { service, method, path: url.pathname, status: response.status, ms: now() - started });
          return { status: response.status, body: body as T, headers: response.headers };
        } catch (error) {
          if (!(error instanceof ConnectorError) || !error.retryable) throw error;
          const waitFor = error.details.retryAfterMs;
          // A told wait is the service pacing us, not a failure; an untold one is backoff.
          if (waitFor === undefined) failures += 1;
          const delay = waitFor ?? Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - 1)) * (0.5 + Math.random() / 2);
          if (failures >= maxAttempts || now() + delay > deadline) throw error;
          log.debug('http retry', { service, method, path: url.pathname, code: error.code, delayMs: Math.round(delay) });
          await sleep(delay);
        }
      }
    },
  };
}
