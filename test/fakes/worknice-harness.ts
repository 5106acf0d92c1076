// What every Worknice test file needs: a fresh fake for each test, connectors to it whose HTTP
// waits are recorded instead of slept (the clock moves only when the layer waits), and the log
// lines written meanwhile.
import { afterEach, beforeEach } from 'vitest';
import type { HrisConnector } from '../../activities/hris/connector';
import { createWorkniceConnector } from '../../activities/hris/worknice/connector';
import type { HttpTuning } from '../../activities/http/client';
import type { Employee } from '../../common/directory';
import { configureLogging } from '../../common/logger';
import { startWorkniceFake, type WorkniceFake } from './worknice';
import { workniceDataset } from './worknice-datasets';
import { readDirectory } from '../activities/hris/read-directory';

export interface ConnectorOptions {
  apiKey?: string;
  baseUrl?: string;
  http?: HttpTuning;
}

export interface WorkniceHarness {
  fake: WorkniceFake;
  waits: number[];
  logs: string[];
  /** HTTP tuning on the recorded clock. */
  clock(tuning?: HttpTuning): HttpTuning;
  /** A connector to the fake with its own key, unless told otherwise. */
  connector(options?: ConnectorOptions): HrisConnector;
  /** The whole directory as of `today`, by HRIS id. */
  read(options?: ConnectorOptions): Promise<Map<string, Employee>>;
}

export const byId = (employees: Employee[]) => new Map(employees.map((e) => [e.hrisId, e]));

/** Registers the hooks that start a fake seeded for `today` before each test and stop it after. */
export function useWorkniceFake(today: string): WorkniceHarness {
  const harness: WorkniceHarness = {
    fake: undefined as unknown as WorkniceFake,
    waits: [],
    logs: [],
    clock(tuning = {}) {
      let now = Date.parse(`${today}T00:00:00Z`);
      const sleep = async (ms: number) => {
        harness.waits.push(ms);
        now += ms;
      };
      // The fake is on loopback, as ROSTER_ALLOW_PRIVATE_URLS=true allows.
      return { now: () => now, sleep, network: { allowPrivateUrls: true }, ...tuning };
    },
    connector: (options = {}) =>
      createWorkniceConnector({ apiKey: options.apiKey ?? harness.fake.token, baseUrl: options.baseUrl ?? harness.fake.url, http: harness.clock(options.http) }),
    read: async (options = {}) => byId((await readDirectory(harness.connector(options), { today })).employees),
  };

  beforeEach(async () => {
    harness.waits.splice(0);
    harness.logs.splice(0);
    configureLogging({ sink: (line) => harness.logs.push(line), level: 'debug' });
    harness.fake = await startWorkniceFake({ dataset: workniceDataset({ today }) });
  });
  afterEach(() => harness.fake.close());
  return harness;
}
