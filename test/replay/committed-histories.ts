// The histories committed under test/replay/histories/, as the replay test and `npm run
// bench:replay` read them. Free of vitest, so that a benchmark can import it.
import { fileURLToPath } from 'node:url';
import proto from '@temporalio/proto';

const { History } = proto.temporal.api.history.v1;
type History = proto.temporal.api.history.v1.History;

export const historiesDir = fileURLToPath(new URL('./histories/', import.meta.url));

export function historyFromJson(json: string): History {
  return History.fromObject(JSON.parse(json));
}
