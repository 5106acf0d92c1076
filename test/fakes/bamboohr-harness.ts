// A BambooHR connector on the fake, reached through the URL form a test picks, whose HTTP waits are
// recorded instead of slept: its clock moves only when the shared layer waits.
import { createBambooHrConnector } from '../../activities/hris/bamboohr/connector';
import type { HttpTuning } from '../../activities/http/client';
import type { BambooFake } from './bamboohr';

/** `default`: no baseUrl, so https://{subdomain}.bamboohr.com/api/v1, which fake.fetch routes to the fake. */
export type UrlForm = 'default' | 'subdomain' | 'gateway';

export function bambooConnector(fake: BambooFake, options: { form?: UrlForm; baseUrl?: string; apiKey?: string; subdomain?: string; http?: HttpTuning } = {}) {
  const waits: number[] = [];
  let clock = 0;
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };
  const baseUrl = options.baseUrl ?? { default: undefined, subdomain: fake.url, gateway: fake.gatewayUrl }[options.form ?? 'default'];
  const connector = createBambooHrConnector({
    apiKey: options.apiKey ?? fake.apiKey,
    subdomain: options.subdomain ?? fake.subdomain,
    baseUrl,
    http: { fetch: fake.fetch, now: () => clock, sleep, ...options.http },
  });
  return { connector, changes: connector.changes!, waits };
}
