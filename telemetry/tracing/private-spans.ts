// What leaves the process in a trace holds ids, routes, stages and statuses, never people's data
// or secrets: errors' messages (they may quote what a system answered) and URLs' queries (SCIM
// filters name people by e-mail) are dropped from every span before it is exported.
import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace-base';

const queryAttributes = new Set(['url.query', 'http.target']);
const urlAttributes = new Set(['url.full', 'http.url']);
/** Of an error's event, only its type is kept: its message and stack quote the error's words. */
const eventAttributes = new Set(['exception.type']);

/** A URL without its user, query and fragment. */
function bareUrl(value: unknown): string {
  try {
    const url = new URL(String(value));
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '[invalid url]';
  }
}

function privateAttributes(attributes: ReadableSpan['attributes']): ReadableSpan['attributes'] {
  return Object.fromEntries(
    Object.entries(attributes)
      .filter(([key]) => !queryAttributes.has(key))
      .map(([key, value]) => [key, urlAttributes.has(key) ? bareUrl(value) : value]),
  );
}

function privateEvent(event: TimedEvent): TimedEvent {
  const attributes = Object.fromEntries(Object.entries(event.attributes ?? {}).filter(([key]) => eventAttributes.has(key)));
  return { name: event.name, time: event.time, attributes, droppedAttributesCount: 0 };
}

/** The span as it may be exported. */
export function privateSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanId: span.parentSpanId,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { code: span.status.code },
    attributes: privateAttributes(span.attributes),
    links: span.links,
    events: span.events.map(privateEvent),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationLibrary: span.instrumentationLibrary,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Passes spans on to `next` (the exporting processor) in their private form. */
export class PrivateSpanProcessor implements SpanProcessor {
  constructor(private readonly next: SpanProcessor) {}

  onStart(span: Span, parentContext: Context): void {
    this.next.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    this.next.onEnd(privateSpan(span));
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}
