// /codec/decode and /codec/encode: Temporal's remote codec protocol over Roster's payload codec
// (common/payloads), so that the Temporal UI, and `temporal workflow show --codec-endpoint`, show
// the encrypted payloads decoded to those allowed to read them: a console session (the UI sends
// its cookie when its codec settings include credentials) or an API token. Anyone else sees
// ciphertext. CORS admits the configured Temporal UI's origin only.
import cors from 'cors';
import type { RequestHandler } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { requireRole } from '../auth';
import { ApiError, parseBody } from '../errors';

const base64 = z.base64('must be base64');

export const codecBody = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).optional(), data: base64.optional() })).max(10_000, 'at most 10,000 payloads a request'),
});
export const codecAnswer = z.object({ payloads: z.array(z.object({ metadata: z.record(z.string(), z.string()), data: z.string() })) });

const fromWire = ({ metadata = {}, data = '' }: z.infer<typeof codecBody>['payloads'][number]): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(data, 'base64'),
});
const toWire = ({ metadata, data }: Payload) => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
  data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
});

export interface CodecDeps {
  codec: PayloadCodec;
  /** The Temporal UI (ROSTER_TEMPORAL_UI_URL): its origin may call with credentials. */
  temporalUiUrl?: string;
  /** The console's session and the API's token check, as on /api (the codec changes nothing, so no CSRF token is asked for). */
  authenticate: RequestHandler[];
}

export function codecRoutes({ codec, temporalUiUrl, authenticate }: CodecDeps): Router {
  const router = Router();
  const crossOrigin = cors({
    origin: temporalUiUrl ? [new URL(temporalUiUrl).origin] : false,
    credentials: true,
    methods: ['POST'],
    allowedHeaders: ['Content-Type', 'Authorization', 'X-Namespace'],
    maxAge: 600,
  });
  // Answers the browser's preflight (OPTIONS) itself, and adds the CORS headers to every answer.
  router.use('/codec', crossOrigin);
  const route = (path: string, role: 'viewer' | 'support', transform: (payloads: Payload[]) => Promise<Payload[]>) =>
    router.post(path, ...authenticate, requireRole(role), async (req, res) => {
      const { payloads } = parseBody(codecBody, req.body);
      let transformed: Payload[];
      try {
        transformed = await transform(payloads.map(fromWire));
      } catch (error) {
        throw new ApiError(400, 'payload_undecodable', (error as Error).message);
      }
      res.json({ payloads: transformed.map(toWire) });
    });
  // Reading needs only to be allowed to read; sealing a payload the worker will trust is support's.
  route('/codec/decode', 'viewer', (payloads) => codec.decode(payloads));
  route('/codec/encode', 'support', (payloads) => codec.encode(payloads));
  return router;
}
