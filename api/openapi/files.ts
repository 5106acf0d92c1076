// The CSV tenants' file upload in the published contract (routes/files.ts).
import { z } from 'zod';
import { acceptedFileSchema } from '../routes/files';
import { drivesWorkflow, type Operation } from './operation';

export const fileOperations: Operation[] = [
  {
    tag: 'Files',
    method: 'put',
    path: '/api/tenants/{id}/files/{kind}',
    id: 'uploadFile',
    summary: "Upload a CSV tenant's file",
    description:
      'The body is the file itself, UTF-8 CSV, up to 50 MB (format: docs/CONNECTORS.md "CSV files"). An accepted file replaces the latest of its kind and the next run reads the latest set; bad rows fail alone. The first users.csv accepted in `authorization` authorises the tenant as a verified key would.',
    ...drivesWorkflow,
    body: { schema: z.string().meta({ description: 'The CSV file.' }), type: 'text/csv' },
    answers: { 200: { description: 'Accepted, with the rows that fail alone.', json: acceptedFileSchema } },
    errors: ['unsupported_media_type', 'not_a_csv_tenant', 'invalid_transition', 'empty_file', 'invalid_csv', 'hris_misconfigured', 'validation_failed'],
  },
];
