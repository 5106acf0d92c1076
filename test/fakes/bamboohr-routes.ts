// The BambooHR fake's API below either base path: faults first, then the key, then the Accept
// rule, then the endpoints Roster uses. Values are served as strings (or null), and a field the
// company does not know is left out without a word, as BambooHR does. The company's own fields are
// listed by GET /meta/fields without an alias and asked for by id.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { BambooCompany } from './bamboohr-company';
import type { FakeEmployee } from './bamboohr-datasets';

interface Rule {
  requests?: number;
  fraction?: number;
}

export interface BambooApiState {
  company: BambooCompany;
  apiKey: string;
  unknownFields: Set<string>;
  faults: {
    refuse?: { status: 401 | 403; reason: string; header?: string };
    throttle?: Rule & { status: 429 | 503; retryAfterSeconds: number };
    serverErrors?: Rule & { status?: number };
    delayMs?: number;
  };
}

export const REASON_HEADER = 'X-BambooHR-Error-Messsage';
const FIELDS = new Set(['employeeNumber', 'firstName', 'lastName', 'preferredName', 'displayName', 'workEmail', 'status', 'employmentHistoryStatus', 'jobTitle', 'department', 'division', 'location', 'hireDate', 'terminationDate', 'supervisorEId', 'supervisorId', 'supervisorEmail', 'lastChanged']);

/** The Basic username, which BambooHR takes as the API key (the password is ignored). */
export function basicUser(req: Request): string | undefined {
  const [scheme, encoded] = (req.get('authorization') ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'basic' || !encoded) return undefined;
  return Buffer.from(encoded, 'base64').toString('utf8').split(':')[0];
}

/**
 * `during`: hooks run once while the next request to a path is answered, after its answer is made.
 * `random` decides which requests a fault's `fraction` hits. `extra`: more endpoints, behind the same checks.
 */
export function bambooApi(state: BambooApiState, { during, random, extra }: { during: Map<string, () => void>; random: () => number; extra?: Router }): Router {
  const takes = (rule: Rule | undefined) => rule !== undefined && (rule.requests ? rule.requests-- > 0 : random() < (rule.fraction ?? 0));
  const isCustom = (f: string) => state.company.customFields.some((field) => String(field.id) === f);
  const known = (fields: string[]) => fields.filter((f) => (FIELDS.has(f) || isCustom(f)) && !state.unknownFields.has(f));
  const serve = (e: FakeEmployee, fields: string[]) => {
    const supervisor = state.company.employees.find((s) => s.id === e.supervisorEId);
    const { custom, ...standard } = e;
    const values: Record<string, string | null> = {
      ...custom,
      ...standard,
      displayName: `${e.preferredName ?? e.firstName} ${e.lastName}`,
      // BambooHR's naming trap: supervisorId is the supervisor's employee number.
      supervisorId: supervisor?.employeeNumber ?? null,
      supervisorEmail: supervisor?.workEmail ?? null,
    };
    return Object.fromEntries([['id', e.id], ...known(fields).map((f) => [f, values[f] ?? null])]);
  };

  const runDuring = (path: string) => {
    const hook = during.get(path);
    during.delete(path);
    hook?.();
  };

  const router = express.Router();
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    const { faults } = state;
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (takes(faults.throttle)) return res.status(faults.throttle!.status).set('Retry-After', String(faults.throttle!.retryAfterSeconds)).end();
    if (takes(faults.serverErrors)) return res.status(faults.serverErrors!.status ?? 500).end();
    if (basicUser(req) !== state.apiKey) return res.status(401).set(REASON_HEADER, 'Invalid API key').end();
    if (faults.refuse) return res.status(faults.refuse.status).set(faults.refuse.header ?? REASON_HEADER, faults.refuse.reason).end();
    // Without ?format, BambooHR answers only an Accept of exactly application/json.
    if (req.query.format === undefined && req.get('accept') !== 'application/json') return res.status(404).end();
    next();
  });

  // BambooHR's fields with their aliases (ids made up here), then the company's own without one.
  router.get('/meta/fields', (_req, res) => {
    const named = [...FIELDS].map((alias, index) => ({ id: index + 1, name: alias, type: 'text', alias }));
    res.json([...named, ...state.company.customFields]);
  });

  router.get('/employees/changed', (req, res) => {
    const since = Date.parse(String(req.query.since ?? ''));
    if (Number.isNaN(since)) return res.status(400).set(REASON_HEADER, 'Invalid since').end();
    const { latest, changes } = state.company.changedSince(since);
    runDuring(req.path);
    res.json({ ...(latest && { latest }), employees: Object.fromEntries(changes.map((c) => [c.id, c])) });
  });

  router.get('/employees/:id', (req, res) => {
    const { employees } = state.company;
    const employee = req.params.id === '0' ? employees.find((e) => e.status === 'Active') : employees.find((e) => e.id === req.params.id);
    if (!employee) return res.status(404).end();
    res.json(serve(employee, String(req.query.fields ?? 'firstName,lastName').split(',')));
  });

  router.post('/reports/custom', (req, res) => {
    const { title, fields } = (req.body ?? {}) as { title?: unknown; fields?: unknown };
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) return res.status(400).set(REASON_HEADER, 'Invalid fields').end();
    const employees = state.company.employees.map((e) => serve(e, fields));
    runDuring(req.path);
    res.json({ title, fields: known(fields).map((f) => ({ id: f, type: 'text', name: f })), employees });
  });

  if (extra) router.use(extra);
  router.use((_req, res) => res.status(404).end());
  return router;
}
