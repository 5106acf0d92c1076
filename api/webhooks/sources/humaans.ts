// Humaans' webhooks (docs/CONNECTORS.md "Humaans", "Webhooks"). The customer's Humaans Owner
// creates the webhook in Settings → Webhooks and gives support its signing secret. Humaans'
// public documentation does not describe the signature or the payload: the scheme below is
// unconfirmed, in one function. With no timestamp Roster knows of, the replay window cannot be
// enforced; a replay is caught by the event's id alone.
import { z } from 'zod';
import { pathParams } from '../../params';
import { digestId, hexHmacMatches, readJson, type SignedRequest, type WebhookSource } from '../source';

const MAX_EVENT_ID = 200;

/**
 * UNCONFIRMED, taken from a community client (not Humaans): `X-Humaans-Signature` is the hex
 * HMAC-SHA256 of the raw body with the webhook's signing secret. Correcting it is a change here only.
 */
function humaansSignatureMatches(request: SignedRequest, secret: string): boolean {
  return hexHmacMatches(secret, request.body, request.header('x-humaans-signature'));
}

const id = pathParams.hrisId.schema.min(1);

// Read leniently (unconfirmed): an event id, an event name such as person.updated, and the object
// it is about. A person's own event names the person; an object with a personId names its person.
export const humaansPayload = z
  .object({
    id: z.string().optional(),
    event: z.string().optional().meta({ description: 'e.g. person.created, person.updated, jobRole.updated (unconfirmed).' }),
    data: z.object({ id: id.optional(), personId: id.optional() }).optional(),
  })
  .meta({ description: "Humaans' webhook payload as Roster reads it (unconfirmed)." });

export const humaansSource: WebhookSource = {
  serves: ['humaans'],
  verify: humaansSignatureMatches,
  payload: humaansPayload,
  read(request) {
    const event = readJson(request, humaansPayload);
    const eventId = event.id && event.id.length <= MAX_EVENT_ID ? event.id : digestId(request.body);
    const person = event.data?.personId ?? (event.event?.startsWith('person.') ? event.data?.id : undefined);
    return { eventId, hrisIds: person ? [person] : undefined };
  },
};
