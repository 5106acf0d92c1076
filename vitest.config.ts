import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The threads pool hits a WASM out-of-memory crash with the Temporal SDK.
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
