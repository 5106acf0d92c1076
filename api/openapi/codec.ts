// The codec endpoint in the published contract (routes/codec.ts): Temporal's remote codec protocol.
import { codecAnswer, codecBody } from '../routes/codec';
import type { Operation } from './operation';

const tag = 'Temporal codec';
const wire = 'Bodies follow Temporal\'s remote codec protocol: `{"payloads": [{"metadata": {name: base64}, "data": base64}]}`. A console session works as well as a token (the Temporal UI sends the session cookie when its codec settings include credentials); CORS admits the origin of `ROSTER_TEMPORAL_UI_URL`.';

export const codecOperations: Operation[] = [
  {
    tag,
    method: 'post',
    path: '/codec/decode',
    id: 'decodePayloads',
    summary: 'Decode workflow payloads',
    description: `Opens payloads Roster sealed (AES-256-GCM, by key id); payloads that are not sealed come back unchanged. ${wire}`,
    role: 'viewer',
    body: { schema: codecBody },
    answers: { 200: { description: 'The payloads, decoded, in the same order.', json: codecAnswer } },
    errors: ['validation_failed', 'payload_undecodable'],
  },
  {
    tag,
    method: 'post',
    path: '/codec/encode',
    id: 'encodePayloads',
    summary: 'Encode workflow payloads',
    description: `Seals payloads with the current key, as the worker and the API do: what the Temporal UI uses to send a signal or an update. ${wire}`,
    role: 'support',
    body: { schema: codecBody },
    answers: { 200: { description: 'The payloads, sealed, in the same order.', json: codecAnswer } },
    errors: ['validation_failed'],
  },
];
