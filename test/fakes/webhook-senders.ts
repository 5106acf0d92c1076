// Each webhook sender's signing, as the vendor does it, for the fakes and the tests to send with:
// BambooHR (documented), Humaans (as far as known: unconfirmed, see api/webhooks/sources/humaans.ts)
// and Standard Webhooks (the `standardwebhooks` package's own `sign`). `at` defaults to now.
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const unixSeconds = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** X-BambooHR-Signature: hex HMAC-SHA256 of the body followed by X-BambooHR-Timestamp, with the webhook's private key. */
export function signBambooHr(privateKey: string, body: string, at = new Date()): Record<string, string> {
  const timestamp = unixSeconds(at);
  return { 'x-bamboohr-timestamp': timestamp, 'x-bamboohr-signature': createHmac('sha256', privateKey).update(body + timestamp).digest('hex') };
}

/** X-Humaans-Signature: hex HMAC-SHA256 of the body with the signing secret (unconfirmed). */
export function signHumaans(secret: string, body: string): Record<string, string> {
  return { 'x-humaans-signature': createHmac('sha256', secret).update(body).digest('hex') };
}

/** The Standard Webhooks headers for one message. */
export function signStandard(secret: string, id: string, body: string, at = new Date()): Record<string, string> {
  return { 'webhook-id': id, 'webhook-timestamp': unixSeconds(at), 'webhook-signature': new Webhook(secret).sign(id, at, body) };
}

