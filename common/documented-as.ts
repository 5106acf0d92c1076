// For the published contract (api/openapi/): a schema whose checks zod cannot render as JSON
// Schema (a transform, or a check in two steps) is documented as the plain schema of what a caller
// sends. zod-openapi applies a schema's `override` when it renders the document.
import { z } from 'zod';

export function documentedAs<T extends z.ZodType>(schema: T, documented: z.ZodType): T {
  return schema.meta({
    override: ({ jsonSchema, io }: { jsonSchema: Record<string, unknown>; io: 'input' | 'output' }) => {
      const { $schema: _dialect, ...rendered } = z.toJSONSchema(documented, { io, target: 'draft-2020-12' });
      for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
      Object.assign(jsonSchema, rendered);
    },
  });
}
