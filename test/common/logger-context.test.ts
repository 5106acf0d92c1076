// Log lines name their component and the context they were written in; LOG_LEVELS sets a
// component's level apart from LOG_LEVEL, and a bad value stops the process with one line.
import { randomBytes } from 'node:crypto';
import { context, propagation, trace } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { afterEach, describe, expect, it } from 'vitest';
import { apiEnvSchema, loadEnv } from '../../common/env';
import { withLogContext } from '../../common/log-context';
import { configureLogging, loggerFor, parseComponentLevels } from '../../common/logger';

const env = { DATABASE_URL: 'postgres://roster@localhost/roster', ROSTER_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

function capture(level: 'debug' | 'info' | 'warn' | 'error', levels = {}) {
  const lines: Record<string, unknown>[] = [];
  configureLogging({ sink: (line) => lines.push(JSON.parse(line)), level, levels });
  return lines;
}

afterEach(() => configureLogging({ level: 'info', levels: {} }));

describe('LOG_LEVELS', () => {
  it('reads component=level pairs', () => {
    expect(loadEnv(apiEnvSchema, { ...env, LOG_LEVELS: 'api=debug, worker=warn,temporal-sdk=error' }).LOG_LEVELS).toEqual({ api: 'debug', worker: 'warn', 'temporal-sdk': 'error' });
    expect(loadEnv(apiEnvSchema, env).LOG_LEVELS).toEqual({});
  });

  it.each([
    ['an unknown component', 'billing=debug', /^Invalid environment: LOG_LEVELS names "billing=debug": each entry is component=level, the components being api, console,/],
    ['an unknown level', 'api=loud', /^Invalid environment: LOG_LEVELS gives api the level "loud": levels are debug, info, warn, error$/],
    ['an entry without a level', 'api', /^Invalid environment: LOG_LEVELS gives api the level "": levels are/],
    ['an entry with two', 'api=debug=info', /^Invalid environment: LOG_LEVELS names "api=debug=info"/],
  ])('refuses %s in one line', (_what, value, message) => {
    expect(() => loadEnv(apiEnvSchema, { ...env, LOG_LEVELS: value })).toThrow(message);
  });

  it('lets a component write below or above LOG_LEVEL', () => {
    const lines = capture('info', parseComponentLevels('connectors=debug,mail=error'));
    loggerFor('connectors').debug('outbound call');
    loggerFor('mail').warn('not delivered');
    loggerFor('api').debug('not at info');
    loggerFor('api').info('request');
    expect(lines.map((line) => [line.component, line.msg])).toEqual([
      ['connectors', 'outbound call'],
      ['api', 'request'],
    ]);
  });

  it('keeps the Temporal SDK at warnings unless LOG_LEVELS names it', () => {
    const lines = capture('debug');
    loggerFor('temporal-sdk').info('worker state changed');
    loggerFor('temporal-sdk').warn('slow poll');
    expect(lines.map((line) => line.msg)).toEqual(['slow poll']);
  });
});

describe('log context', () => {
  it('names the context a line is written in, read when written, within any outer context', async () => {
    const lines = capture('info');
    const params: { id?: string } = {};
    await withLogContext({ requestId: 'req-1' }, () =>
      withLogContext(() => ({ tenantId: params.id }), async () => {
        loggerFor('api').info('before routing');
        params.id = 'acme';
        await Promise.resolve();
        loggerFor('api').info('in the route', { tenantId: 'given' });
        loggerFor('api').info('after');
      }),
    );
    loggerFor('api').info('outside');
    expect(lines.map(({ msg, requestId, tenantId }) => ({ msg, requestId, tenantId }))).toEqual([
      { msg: 'before routing', requestId: 'req-1', tenantId: undefined },
      { msg: 'in the route', requestId: 'req-1', tenantId: 'given' },
      { msg: 'after', requestId: 'req-1', tenantId: 'acme' },
      { msg: 'outside', requestId: undefined, tenantId: undefined },
    ]);
  });

  it('names the active span', async () => {
    const lines = capture('info');
    // Contexts follow calls only once a tracer provider has registered its context manager.
    new NodeTracerProvider().register();
    const span = trace.wrapSpanContext({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 });
    await context.with(trace.setSpan(context.active(), span), async () => {
      await Promise.resolve();
      loggerFor('worker').info('traced');
    });
    loggerFor('worker').info('untraced');
    [trace, context, propagation].forEach((api) => api.disable());
    expect(lines[0]).toMatchObject({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331' });
    expect(lines[1]).not.toHaveProperty('traceId');
  });
});
