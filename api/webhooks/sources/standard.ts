// The Standard Webhooks specification (standardwebhooks.com), checked by its own library: the
// generic source for CSV tenants' scripts and any other system. `webhook-id` is the event id; the
// body is Roster's own event (docs/API.md "Webhooks"): who changed, or that the whole directory
// (e.g. the files) may have.
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { validationFailed } from '../../errors';
import { pathParams } from '../../params';
import { readJson, type SignedRequest, type WebhookSource } from '../source';

const ID = 'webhook-id';
const TIMESTAMP = 'webhook-timestamp';
const SIGNATURE = 'webhook-signature';
const MAX_EVENT_ID = 200;

export const standardEvent = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('people.changed'),
      data: z.object({
        ids: z
          .array(pathParams.hrisId.schema.min(1, 'must not be empty'))
          .min(1, 'must name at least one person')
          .max(10_000, 'must name at most 10000 people')
          .meta({ description: "The changed people's ids in the HR system (the CSV files' ids for a CSV tenant)." }),
      }),
    }),
    z.object({ type: z.literal('directory.changed').meta({ description: 'Anyone may have changed (new files, a bulk import): the next run reads everyone.' }) }),
  ])
  .meta({ id: 'StandardWebhookEvent', description: "Roster's event, signed as Standard Webhooks says." });

const headersOf = (request: SignedRequest) => ({ [ID]: request.header(ID) ?? '', [TIMESTAMP]: request.header(TIMESTAMP) ?? '', [SIGNATURE]: request.header(SIGNATURE) ?? '' });

export const standardSource: WebhookSource = {
  serves: 'any',
  signedAt(request) {
    const value = request.header(TIMESTAMP)?.trim() ?? '';
    return /^\d{1,12}$/.test(value) ? Number(value) : null;
  },
  verify(request, secret) {
    try {
      new Webhook(secret).verify(request.body, headersOf(request), { jsonParse: false });
      return true;
    } catch {
      return false;
    }
  },
  payload: standardEvent,
  read(request) {
    const eventId = request.header(ID)!;
    const event = readJson(request, standardEvent);
    if (eventId.length > MAX_EVENT_ID) throw validationFailed([{ path: '', message: `The ${ID} header must be at most ${MAX_EVENT_ID} characters.` }]);
    return { eventId, hrisIds: event.type === 'people.changed' ? [...new Set(event.data.ids)] : undefined };
  },
};

