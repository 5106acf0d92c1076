// The published contract over HTTP, public like /healthz: the document at /openapi.json, and
// Swagger UI at /docs from the installed swagger-ui-dist (no CDN). The page loads only files
// served here, with no inline script or style, so it works under `default-src 'self'`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';
import { openApiDocument } from './document';

const pageDir = join(dirname(fileURLToPath(import.meta.url)), 'docs-page');
const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

export function contractRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    res.sendFile('index.html', { root: pageDir });
  });
  router.use('/docs/swagger-ui', express.static(swaggerUiDir, { index: false }));
  router.use('/docs', express.static(pageDir, { index: false }));
  return router;
}
