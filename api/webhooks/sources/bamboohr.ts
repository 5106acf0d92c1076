// BambooHR's webhooks (docs/CONNECTORS.md "BambooHR", "Webhooks"): X-BambooHR-Signature is the hex
// HMAC-SHA256, with the webhook's private key, of the raw body followed by X-BambooHR-Timestamp.
// BambooHR sends no event id: a digest of the signed timestamp and body stands for one, so a
// replayed request is a duplicate. The payload lists the employees who changed.
import { z } from 'zod';
import { pathParams } from '../../params';
import { digestId, hexHmacMatches, readJson, type SignedRequest, type WebhookSource } from '../source';

const TIMESTAMP = 'x-bamboohr-timestamp';
const SIGNATURE = 'x-bamboohr-signature';

const employeeId = z.union([pathParams.hrisId.schema.min(1), z.number().int().nonnegative().transform(String)]);

export const bambooPayload = z
  .object({
    employees: z
      .array(
        z.object({
          id: employeeId,
          action: z.string().optional().meta({ description: 'Created, Updated or Deleted.' }),
          changedFields: z.array(z.string()).optional(),
          fields: z.record(z.string(), z.unknown()).optional(),
          timestamp: z.string().optional(),
        }),
      )
      .min(1, 'must name at least one employee')
      .max(10_000, 'must name at most 10000 employees'),
  })
  .meta({ description: "BambooHR's field-based webhook payload (JSON format)." });

/** Unix seconds, as BambooHR sends them; an ISO date is read too. */
function seconds(value: string | undefined): number | null {
  if (!value) return null;
  if (/^\d{1,12}$/.test(value.trim())) return Number(value.trim());
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

const signed = (request: SignedRequest) => Buffer.concat([request.body, Buffer.from(request.header(TIMESTAMP) ?? '', 'utf8')]);

export const bamboohrSource: WebhookSource = {
  serves: ['bamboohr'],
  signedAt: (request) => seconds(request.header(TIMESTAMP)),
  verify: (request, privateKey) => hexHmacMatches(privateKey, signed(request), request.header(SIGNATURE)),
  payload: bambooPayload,
  read(request) {
    const { employees } = readJson(request, bambooPayload);
    return { eventId: digestId(request.header(TIMESTAMP) ?? '', request.body), hrisIds: [...new Set(employees.map((employee) => employee.id))] };
  },
};
