import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer';

export default defineConfig({
  test: {
    // The threads pool hits a WASM out-of-memory crash with the Temporal SDK.
    pool: 'forks',
    // Two files at once even on two cores (vitest would take one): most of a test waits on
    // Temporal timers, Postgres or a browser, and every file has its own task queue and tenants.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    sequence: { sequencer: SlowFirstSequencer },
  },
});
