// Bundled with the workflows of a tracing worker (temporal.ts): spans for each workflow
// run, Update and signal, and for each activity and child it starts, whose headers carry the trace
// on. The SDK's flags keep these interceptors replay-safe for histories recorded without them, but
// its tracer draws span ids from Math.random, the workflow's own seeded stream: every uuid4()
// after a span would change, and a span in an Update's validator (not run on replay) would make
// the workflow nondeterministic. Here ids come from the sandbox's unrecorded randomness instead.
// First: it gives the sandbox the `performance` OpenTelemetry's SDK reads as it loads.
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import type { Tracer } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryInboundInterceptor, OpenTelemetryInternalsInterceptor, OpenTelemetryOutboundInterceptor } from '@temporalio/interceptors-opentelemetry/lib/workflow';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { workflowInfo, type WorkflowInterceptorsFactory } from '@temporalio/workflow';

const hex = (bytes: number) => Array.from(workflowInfo().unsafe.random.fillRandom(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');

const ids: IdGenerator = { generateTraceId: () => hex(16), generateSpanId: () => hex(8) };

let tracer: Tracer | undefined;
/** Spans leave through the `exporter` sink (telemetry/tracing/temporal.ts). */
const workflowTracer = () => (tracer ??= new BasicTracerProvider({ idGenerator: ids, spanProcessors: [new SimpleSpanProcessor(new SpanExporter())] }).getTracer('roster-workflows'));

class InboundSpans extends OpenTelemetryInboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

class OutboundSpans extends OpenTelemetryOutboundInterceptor {
  protected override readonly tracer = workflowTracer();
}

export const interceptors: WorkflowInterceptorsFactory = () => ({
  inbound: [new InboundSpans()],
  outbound: [new OutboundSpans()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
