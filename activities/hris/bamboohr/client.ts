// BambooHR over the shared HTTP layer: the base URL from the subdomain, the API key as the Basic
// username, and BambooHR's error header read for what a 403 means but never quoted: it is free
// text that may name people.
import { createHttpClient, type HttpAnswer, type HttpTuning, type RequestOptions } from '../../http/client';
import { ConnectorError } from '../../http/errors';
import { BAMBOOHR } from './api';
import { bamboohr } from './descriptor';

export interface BambooHrSettings {
  apiKey: string;
  subdomain: string;
  baseUrl?: string;
  http?: HttpTuning;
}

export type BambooHrClient = <T = unknown>(method: 'GET' | 'POST' | 'DELETE', path: string, options?: RequestOptions) => Promise<HttpAnswer<T>>;

export function bambooHrBaseUrl({ subdomain, baseUrl }: Pick<BambooHrSettings, 'subdomain' | 'baseUrl'>): string {
  if (baseUrl) return baseUrl;
  if (!BAMBOOHR.subdomain.test(subdomain)) throw new ConnectorError('misconfigured', 'The BambooHR subdomain is not a valid subdomain: check the tenant’s HRIS settings');
  return BAMBOOHR.defaultBaseUrl(subdomain);
}

/** The error without the header's text, and with a 403 told apart: a dead key, or a missing permission. */
function withoutVendorText(error: ConnectorError, what: string): ConnectorError {
  const reason = error.details.vendorCode;
  const details = { ...error.details, vendorCode: undefined };
  if (error.details.status !== 403) return new ConnectorError(error.code, reason ? error.message.replace(` (${reason})`, '') : error.message, details);
  const answered = `BambooHR answered 403 to ${what}`;
  return reason && BAMBOOHR.disabledKey.test(reason)
    ? new ConnectorError('credentials_rejected', `${answered}: the key’s user is disabled or the key is invalid`, details)
    : new ConnectorError('insufficient_scope', `${answered}: the key’s user lacks a permission Roster needs`, details);
}

export function createBambooHrClient(settings: BambooHrSettings): BambooHrClient {
  const basic = Buffer.from(`${settings.apiKey}:x`).toString('base64');
  const baseUrl = bambooHrBaseUrl(settings).replace(/\/+$/, '');
  const http = createHttpClient({
    ...settings.http,
    baseUrl,
    service: bamboohr.name,
    provider: 'bamboohr',
    errorHeaders: bamboohr.errorHeaders,
    // The shared layer's Accept is exactly application/json, which BambooHR requires without ?format.
    headers: () => ({ authorization: `Basic ${basic}` }),
  });
  return async (method, path, options) => {
    try {
      return await http.request(method, path, options);
    } catch (error) {
      throw error instanceof ConnectorError ? withoutVendorText(error, `${method} ${new URL(baseUrl + path).pathname}`) : error;
    }
  };
}
