// Structured JSON logs. Secrets and people's data never belong in a log line: fields whose name
// says they hold a secret are redacted wherever they appear. Each line names its component (whose
// level LOG_LEVELS may set apart from LOG_LEVEL), the context it was written in (request, tenant,
// run, workflow: log-context.ts) and the active trace's ids.
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { currentLogContext } from './log-context';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

/** The parts of Roster whose lines LOG_LEVELS can set apart. */
export const logComponents = ['api', 'console', 'worker', 'workflows', 'activities', 'connectors', 'mail', 'temporal-sdk', 'telemetry', 'dev'] as const;
export type LogComponent = (typeof logComponents)[number];
export type ComponentLevels = Partial<Record<LogComponent, LogLevel>>;

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const secretName = /(token|apikey|api_key|password|secret|authorization|cookie|encryptionkey)$/i;

let sink: LogSink = (line) => process.stdout.write(line + '\n');
let threshold: LogLevel = 'info';
let componentLevels: ComponentLevels = {};

export function configureLogging(options: { sink?: LogSink; level?: LogLevel; levels?: ComponentLevels }): void {
  if (options.sink) sink = options.sink;
  if (options.level) threshold = options.level;
  if (options.levels) componentLevels = options.levels;
}

/**
 * The level a component writes at: its own from LOG_LEVELS, else LOG_LEVEL. The Temporal SDK's
 * state changes are noise at info, so it writes warnings and up unless LOG_LEVELS names it.
 */
export function levelOf(component: LogComponent | undefined): LogLevel {
  const own = component && componentLevels[component];
  if (own) return own;
  return component === 'temporal-sdk' && rank[threshold] < rank.warn ? 'warn' : threshold;
}

/** The level that lets the most through, for a source that feeds several components (the Temporal SDK's logger). */
export const mostVerbose = (...levels: LogLevel[]): LogLevel => levels.reduce((most, level) => (rank[level] < rank[most] ? level : most), 'error');

/** LOG_LEVELS, e.g. `api=debug,worker=warn`; throws naming what is wrong. */
export function parseComponentLevels(text: string): ComponentLevels {
  const levels: ComponentLevels = {};
  for (const entry of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [component = '', level = '', ...rest] = entry.split('=').map((part) => part.trim());
    if (!(logComponents as readonly string[]).includes(component) || rest.length > 0) {
      throw new Error(`names "${entry}": each entry is component=level, the components being ${logComponents.join(', ')}`);
    }
    if (!(logLevels as readonly string[]).includes(level)) throw new Error(`gives ${component} the level "${level}": levels are ${logLevels.join(', ')}`);
    levels[component as LogComponent] = level as LogLevel;
  }
  return levels;
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, secretName.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
}

/** The ids of the span the line is written in, when tracing is on and there is one. */
function traceIds(): LogFields {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : {};
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(context: LogFields = {}): Logger {
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (rank[level] < rank[levelOf(context.component as LogComponent | undefined)]) return;
    const entry = { time: new Date().toISOString(), level, msg: message, ...traceIds(), ...currentLogContext(), ...context, ...fields };
    sink(JSON.stringify(redact(entry)));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...context, ...fields }),
  };
}

/** A component's logger: its lines say which part wrote them and follow that part's level. */
export const loggerFor = (component: LogComponent): Logger => createLogger({ component });

export const log = createLogger();
