// The operators' routes in the published contract: health (routes/health.ts) and the contract
// itself (./routes.ts). All public.
import { z } from 'zod';
import { healthSchema, readinessSchema } from '../routes/health';
import type { Operation } from './operation';

const tag = 'Operations';

export const operatorOperations: Operation[] = [
  { tag, method: 'get', path: '/healthz', id: 'health', summary: 'The process answers', uses: [], answers: { 200: { description: 'Alive.', json: healthSchema } } },
  {
    tag,
    method: 'get',
    path: '/readyz',
    id: 'readiness',
    summary: 'Ready to serve',
    description: 'Ready once PostgreSQL and Temporal answer and, in the embedded default, a worker polls.',
    uses: [],
    answers: { 200: { description: 'Ready.', json: readinessSchema }, 503: { description: 'Not ready: `checks` says what is missing.', json: readinessSchema } },
  },
  {
    tag,
    method: 'get',
    path: '/openapi.json',
    id: 'openApiDocument',
    summary: 'This document',
    description: 'Generated from the schemas that validate requests and type answers.',
    uses: [],
    answers: { 200: { description: 'The OpenAPI 3.1 document.', json: z.record(z.string(), z.unknown()) } },
  },
  {
    tag,
    method: 'get',
    path: '/metrics',
    id: 'metrics',
    summary: 'Prometheus metrics',
    description: "The API's figures in Prometheus' text format: requests by route pattern and status, tenants by stage, stale tenants, the mail outbox, held runs. Counts only. The worker serves its own on ROSTER_WORKER_METRICS_PORT.",
    uses: ['database'],
    answers: { 200: { description: 'The metrics.', type: 'text/plain' } },
  },
  { tag, method: 'get', path: '/docs', id: 'apiDocs', summary: 'This document, to read', description: 'Swagger UI, served by Roster itself.', uses: [], answers: { 200: { description: 'The page.', type: 'text/html' } } },
];
