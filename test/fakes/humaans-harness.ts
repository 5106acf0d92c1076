// What every Humaans connector test file needs: a fresh fake for each test, connectors to it whose
// HTTP waits are recorded instead of slept, and the log lines written meanwhile.
import { afterEach, beforeEach } from 'vitest';
import { createHumaansConnector } from '../../activities/hris/humaans/connector';
import type { HttpTuning } from '../../activities/http/client';
import { configureLogging } from '../../common/logger';
import { startHumaansFake, type HumaansFake } from './humaans';
import { humaansDataset } from './humaans-datasets';

export interface HumaansHarness {
  fake: HumaansFake;
  waits: number[];
  logs: string[];
  /** A connector whose waits are recorded, not slept: the clock moves only when it waits. */
  connector(options?: { apiKey?: string; baseUrl?: string; http?: HttpTuning }): ReturnType<typeof createHumaansConnector>;
  /** How many people the fake's directory holds. */
  everyone(): number;
}

/** Registers the hooks that start a fake seeded for `today` before each test and close it after. */
export function useHumaansFake(today: string): HumaansHarness {
  const harness = {} as HumaansHarness;
  beforeEach(async () => {
    harness.fake = await startHumaansFake({ dataset: humaansDataset({ today }) });
    harness.waits = [];
    harness.logs = [];
    configureLogging({ sink: (line) => harness.logs.push(line), level: 'debug' });
  });
  afterEach(() => harness.fake.close());

  harness.connector = (options = {}) => {
    let now = Date.parse(`${today}T00:00:00Z`);
    const http: HttpTuning = {
      now: () => now,
      sleep: async (ms) => {
        harness.waits.push(ms);
        now += ms;
      },
      // The fake is on loopback, as ROSTER_ALLOW_PRIVATE_URLS=true allows.
      network: { allowPrivateUrls: true },
      ...options.http,
    };
    return createHumaansConnector({ apiKey: options.apiKey ?? harness.fake.token, baseUrl: options.baseUrl ?? harness.fake.url, http });
  };
  harness.everyone = () => harness.fake.dataset.people.length;
  return harness;
}
