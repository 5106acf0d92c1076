// The workflows of a worker that does not trace carry no tracing interceptors: they would make and
// drop a span for every step (BENCHMARKS.md "The worker's Node flags"). The test setup builds both
// bundles as `npm run build:workflows` does.
import { readFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';
import { tracedBundlePath } from '../../worker/worker';

/** The tracer the workflow interceptors make (telemetry/tracing/workflow-interceptors.ts). */
const workflowTracerName = /["']roster-workflows["']/;

it('bundles the tracing interceptors into the traced twin only', () => {
  const plain = readFileSync(inject('workflowBundlePath'), 'utf8');
  const traced = readFileSync(tracedBundlePath(inject('workflowBundlePath')), 'utf8');
  expect(traced).toMatch(workflowTracerName);
  expect(traced).toContain('OpenTelemetryInboundInterceptor');
  expect(plain).not.toMatch(workflowTracerName);
  expect(plain).not.toContain('OpenTelemetryInboundInterceptor');
});

it('puts the traced twin beside the bundle it belongs to', () => {
  expect(tracedBundlePath('/app/dist/workflows.js')).toBe('/app/dist/workflows.traced.js');
});
