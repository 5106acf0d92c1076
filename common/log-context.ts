// What every log line written while serving something names: the request's id, the tenant, the
// run, the workflow. The API sets it per request, the worker per activity; the logger reads it.
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogContextFields = Record<string, string | undefined>;

/** Read when a line is written, so that what becomes known later (a route's params) is named too. */
type Source = () => LogContextFields;

const storage = new AsyncLocalStorage<Source>();

/** Runs `fn` with these fields (or a function giving them) in every line it writes, within any outer context. */
export function withLogContext<T>(fields: LogContextFields | Source, fn: () => T): T {
  const own: Source = typeof fields === 'function' ? fields : () => fields;
  const outer = storage.getStore();
  return storage.run(outer ? () => ({ ...outer(), ...own() }) : own, fn);
}

/** The fields of the context the caller runs in, without those not known. */
export function currentLogContext(): LogContextFields {
  const fields = storage.getStore()?.() ?? {};
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
