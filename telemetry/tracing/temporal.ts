// Tracing through Temporal: the client's starts and Updates carry the trace in their headers, the
// workflows' spans leave the sandbox through a sink, and each activity's span continues the trace
// its workflow scheduled it in. With tracing off the client's and the activities' interceptors
// run on the no-op tracer, and the workflows run from a bundle without theirs (worker/worker.ts).
import { fileURLToPath } from 'node:url';
import type { ClientInterceptors } from '@temporalio/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
  type OpenTelemetrySinks,
} from '@temporalio/interceptors-opentelemetry';
import type { ActivityInterceptorsFactory, InjectedSinks } from '@temporalio/worker';
import type { WorkflowInfo } from '@temporalio/workflow';
import { currentTracing } from './tracing';

/** The workflow interceptor modules of a traced bundle (worker/worker.ts `workflowBundleOptions`). */
export const workflowInterceptorModules = [fileURLToPath(new URL('./workflow-interceptors.ts', import.meta.url))];

export const tracingClientInterceptors = (): ClientInterceptors => ({ workflow: [new OpenTelemetryWorkflowClientInterceptor()] });

export const tracingActivityInterceptors: ActivityInterceptorsFactory = (ctx) => ({
  inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
  outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
});

/**
 * The sink the workflows' spans leave through. The SDK's exporter copies the whole WorkflowInfo
 * onto each span (memo, last result, search attributes); only the workflow's ids go.
 */
export function tracingSinks(): InjectedSinks<OpenTelemetrySinks> {
  const tracing = currentTracing();
  if (!tracing) return { exporter: { export: { fn: () => undefined } } };
  const exporter = makeWorkflowExporter(tracing.processor, tracing.resource);
  return {
    exporter: {
      export: {
        fn: ({ workflowId, runId, workflowType, taskQueue, namespace }, spans) => exporter.export.fn({ workflowId, runId, workflowType, taskQueue, namespace } as WorkflowInfo, spans),
      },
    },
  };
}
