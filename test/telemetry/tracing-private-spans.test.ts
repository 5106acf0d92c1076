// What a span may take out of the process: ids, routes and statuses; never an error's words or a
// URL's query (SCIM filters name people by e-mail) or user.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect, it } from 'vitest';
import { privateSpan } from '../../telemetry/tracing/private-spans';
import { tracesUrl } from '../../telemetry/tracing/tracing';

const context = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };

const span = {
  name: 'GET',
  kind: SpanKind.CLIENT,
  spanContext: () => context,
  parentSpanId: '00f067aa0ba902b7',
  startTime: [1, 0],
  endTime: [2, 0],
  duration: [1, 0],
  ended: true,
  status: { code: SpanStatusCode.ERROR, message: 'No user jane@acme.example' },
  attributes: {
    'url.full': 'https://bot:pw@scim.example/v2/Users?filter=userName%20eq%20%22jane%40acme.example%22#top',
    'url.query': '?filter=userName eq "jane@acme.example"',
    'url.path': '/v2/Users',
    'http.response.status_code': 404,
  },
  events: [{ name: 'exception', time: [2, 0], attributes: { 'exception.type': 'ConnectorError', 'exception.message': 'jane@acme.example not found', 'exception.stacktrace': 'ConnectorError: jane@acme.example…' } }],
  links: [],
  resource: new Resource({ 'service.name': 'roster-worker' }),
  instrumentationLibrary: { name: 'undici' },
  droppedAttributesCount: 0,
  droppedEventsCount: 0,
  droppedLinksCount: 0,
} satisfies ReadableSpan;

it('keeps ids, route, status and error type, and drops queries, users and error messages', () => {
  const exported = privateSpan(span);
  expect(exported.spanContext()).toEqual(context);
  expect(exported).toMatchObject({ name: 'GET', parentSpanId: '00f067aa0ba902b7', status: { code: SpanStatusCode.ERROR } });
  expect(exported.attributes).toEqual({ 'url.full': 'https://scim.example/v2/Users', 'url.path': '/v2/Users', 'http.response.status_code': 404 });
  expect(exported.events).toEqual([{ name: 'exception', time: [2, 0], attributes: { 'exception.type': 'ConnectorError' }, droppedAttributesCount: 0 }]);
  expect(JSON.stringify({ ...exported, resource: undefined })).not.toMatch(/jane|pw@|filter/);
});

it('posts to the collector under its traces path, as the OTLP endpoint variable means', () => {
  expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
  expect(tracesUrl('https://otlp.example/otlp/')).toBe('https://otlp.example/otlp/v1/traces');
});
