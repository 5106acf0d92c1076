// Finding the payloads anywhere in a fetched workflow history, for the history scan and the
// sync-run benchmark: both judge what a run left in Temporal.
export interface Payload {
  metadata?: Record<string, Uint8Array> | null;
  data?: Uint8Array | null;
}

const isPayload = (value: object): value is Payload => 'data' in value && 'metadata' in value && (value as Payload).data instanceof Uint8Array;

export function payloadsIn(value: unknown, into: Payload[] = []): Payload[] {
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return into;
  if (isPayload(value)) {
    into.push(value);
    return into;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) payloadsIn(child, into);
  return into;
}

/** A payload's size as stored: its data plus its metadata's keys and values. */
export const payloadBytes = (payload: Payload) =>
  (payload.data?.length ?? 0) + Object.entries(payload.metadata ?? {}).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
