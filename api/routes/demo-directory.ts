// /api/tenants/:id/demo/people: hire, change and terminate people in a demo tenant's built-in HR
// directory, so that a walk-through can show what the next sync does with them. Only for tenants
// whose HRIS is the demo.
import type { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../common/db';
import { boundedRecord, freeText, line } from '../../common/validation';
import type { Employee } from '../../common/directory';
import { STATUSES } from '../../common/tenant-config';
import * as directory from '../../activities/hris/demo/directory';
import { localDate } from '../../activities/hris/dates';
import { requireRole } from '../auth';
import { ApiError, parseBody } from '../errors';
import { apiRouter, requireTenant } from '../params';

const date = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
const label = line(200).trim().min(1, 'must not be empty');
const emailAddress = z.email({ message: 'must be an e-mail address' }).max(320, 'must be at most 320 characters');

const fields = {
  employeeCode: label,
  workEmail: emailAddress,
  personalEmail: emailAddress,
  firstName: label,
  lastName: label,
  preferredName: label,
  displayName: label,
  startDate: date,
  endDate: date,
  position: label,
  department: label,
  division: label,
  location: label,
  employmentBasis: label,
  managerHrisId: label,
  groups: z.array(z.strictObject({ name: label })).max(50, 'must have at most 50 groups'),
  tags: z.array(label).max(50, 'must have at most 50 tags'),
  custom: boundedRecord(z.record(label, freeText(1000)), 50),
};

/** Every field optional, and null to clear it. */
function clearable<T extends Record<string, z.ZodType>>(shape: T) {
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [name, schema.nullable().optional()])) as { [K in keyof T]: z.ZodOptional<z.ZodNullable<T[K]>> };
}

export const hireBody = z
  .strictObject({ ...fields, hrisId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores') })
  .partial()
  .required({ firstName: true, lastName: true });
export const changeBody = z.strictObject({
  ...clearable(fields),
  status: z.enum(STATUSES, { message: `must be one of: ${STATUSES.join(', ')}` }).optional(),
});
export const terminateBody = z.strictObject({ endDate: date.optional() });

/** A person as the demo directory holds them, as of the tenant's today. */
export const demoPersonSchema = z
  .object({ hrisId: z.string(), status: z.enum(STATUSES), ...fields, managerEmail: emailAddress })
  .partial()
  .required({ hrisId: true, status: true })
  .meta({ id: 'DemoPerson' }) satisfies z.ZodType<Employee>;
export const demoPeopleSchema = z.object({ people: z.array(demoPersonSchema) });

/** A demo tenant and its "today" (in its schedule's timezone); the API's refusal for any other tenant. */
export async function demoTenantOf(db: Db, id: string) {
  const row = await requireTenant(db, id);
  if (row.hris.provider !== 'demo') {
    throw new ApiError(409, 'not_a_demo_tenant', `The tenant '${id}' reads its people from ${row.hris.provider}, not the demo HRIS: change them there.`);
  }
  // Its directory was purged at offboarding; a read would seed a new one.
  if (row.stage === 'offboarded') throw new ApiError(409, 'invalid_transition', `The tenant '${id}' is offboarded: its demo directory was deleted with it.`);
  const timezone = row.config?.schedule?.timezone ?? 'UTC';
  return { tenant: row, tenantId: id, timezone, today: localDate(timezone) };
}

export function demoDirectoryRoutes({ db }: { db: Db }): Router {
  const router = apiRouter();
  const demoTenant = (id: string) => demoTenantOf(db, id);
  const found = <T>(person: T | undefined, hrisIdValue: string): T => {
    if (!person) throw new ApiError(404, 'person_not_found', `The demo directory has no person '${hrisIdValue}'.`);
    return person;
  };

  router.get('/api/tenants/:id/demo/people', async (req, res) => {
    const { tenantId, today } = await demoTenant(String(req.params.id));
    res.json({ people: await directory.list(db, tenantId, today) } satisfies z.output<typeof demoPeopleSchema>);
  });

  router.post('/api/tenants/:id/demo/people', requireRole('support'), async (req, res) => {
    const { tenantId, today } = await demoTenant(String(req.params.id));
    const body = parseBody(hireBody, req.body);
    const person = await directory.hire(db, tenantId, body, today);
    if (!person) throw new ApiError(409, 'person_exists', `The demo directory already has a person '${body.hrisId}'.`);
    res.status(201).json(person);
  });

  router.patch('/api/tenants/:id/demo/people/:hrisId', requireRole('support'), async (req, res) => {
    const { tenantId, today } = await demoTenant(String(req.params.id));
    const body = parseBody(changeBody, req.body);
    const id = String(req.params.hrisId);
    res.json(found(await directory.change(db, tenantId, id, body, today), id));
  });

  router.post('/api/tenants/:id/demo/people/:hrisId/terminate', requireRole('support'), async (req, res) => {
    const { tenantId, today } = await demoTenant(String(req.params.id));
    const { endDate = today } = parseBody(terminateBody, req.body);
    const id = String(req.params.hrisId);
    res.json(found(await directory.terminate(db, tenantId, id, endDate, today), id));
  });

  return router;
}
