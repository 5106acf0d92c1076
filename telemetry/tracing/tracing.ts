// Tracing, for the process that starts it (the API, the worker, or both in `npm start`): spans go
// through a batch to an OTLP/HTTP collector, in their private form (private-spans.ts). Off unless
// OTEL_EXPORTER_OTLP_ENDPOINT is set; then the OpenTelemetry API's no-op tracer makes every span
// in Roster cost next to nothing.
import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { loggerFor } from '../../common/logger';
import { PrivateSpanProcessor } from './private-spans';

export interface TracingSettings {
  /** The collector's base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans are posted to its /v1/traces. */
  endpoint: string;
  serviceName: string;
}

export interface Tracing {
  /** Where the worker's workflow spans go too (they reach it through a sink). */
  processor: SpanProcessor;
  resource: Resource;
  /** Exports what has ended so far. */
  flush(): Promise<void>;
  /** Exports what is left and turns tracing off. */
  stop(): Promise<void>;
}

let current: Tracing | undefined;

/** This process's tracing, if it is on. */
export const currentTracing = (): Tracing | undefined => current;

/** The settings the environment gives: none without an endpoint (tracing off). */
export function tracingSettings(env: { OTEL_EXPORTER_OTLP_ENDPOINT?: string; OTEL_SERVICE_NAME?: string }, defaultServiceName: string): TracingSettings | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  return { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME ?? defaultServiceName };
}

/** The collector's traces URL: the signal's path under the endpoint, as the OTLP specification says. */
export const tracesUrl = (endpoint: string): string => new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).href;

/** Starts tracing for this process: a global tracer provider, W3C trace context, and spans for outbound HTTP (undici). */
export function startTracing(settings: TracingSettings): Tracing {
  if (current) throw new Error('Tracing is already on in this process');
  const log = loggerFor('telemetry');
  // The exporter's failures (a collector down) are said once each, not thrown.
  diag.setLogger({ error: (message) => log.warn(message), warn: (message) => log.warn(message), info: () => {}, debug: () => {}, verbose: () => {} }, DiagLogLevel.WARN);
  const resource = new Resource({ [ATTR_SERVICE_NAME]: settings.serviceName });
  const processor = new PrivateSpanProcessor(new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(settings.endpoint) })));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  // undici reports its requests on diagnostics_channel, so no module needs patching (ESM, tsx).
  const undici = new UndiciInstrumentation();
  log.info('tracing on', { collector: new URL(settings.endpoint).host, serviceName: settings.serviceName });
  current = {
    processor,
    resource,
    flush: () => provider.forceFlush(),
    async stop() {
      undici.disable();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      diag.disable();
      current = undefined;
    },
  };
  return current;
}
