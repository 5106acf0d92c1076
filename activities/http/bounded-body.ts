// Reading an answer's body with a ceiling, so that an endless or hostile answer is cut off instead
// of filling the worker's memory: the body is streamed and counted, and the exchange is dropped,
// connection and all, as soon as it passes the ceiling.
import { ConnectorError } from './errors';

/**
 * The most one answer may hold. The biggest real answers are whole directories in one call: at
 * 100,000 people BambooHR's custom report is 39 MiB and Worknice's GraphQL answer 30 MiB (the
 * fakes in test/fakes, measured). 256 MiB leaves room for about 650,000 people, and is half of
 * V8's longest string, so an answer under it can always be decoded.
 */
export const MAX_ANSWER_BYTES = 256 * 2 ** 20;

export function tooLarge(service: string, what: string, maxBytes: number): ConnectorError {
  const mb = Number((maxBytes / 2 ** 20).toFixed(2));
  return new ConnectorError('invalid_response', `${service}'s answer to ${what} is larger than ${mb} MB, the most Roster reads in one answer`);
}

/**
 * The body as text (UTF-8, as Response.text does), or undefined when it is larger than
 * `maxBytes`: the rest is then never read, and `drop` ends the exchange.
 */
export async function readBounded(response: Response, maxBytes: number, drop: () => void): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  // A declared length over the ceiling is refused before anything is read.
  let size = Number(response.headers.get('content-length')) > maxBytes ? Infinity : 0;
  while (size <= maxBytes) {
    const { done, value } = await reader.read();
    if (done) return new TextDecoder().decode(Buffer.concat(chunks));
    size += value.byteLength;
    chunks.push(value);
  }
  drop();
  await reader.cancel().catch(() => undefined);
  return undefined;
}
