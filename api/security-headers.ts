// The headers every answer carries. helmet's defaults (nosniff, no framing, HSTS, no referrer,
// same-origin resource and opener policies) with one Content-Security-Policy for the whole app:
// scripts and styles from Roster itself only, which Swagger UI at /docs (its own files and an
// external initializer) works under. Inline styles stay allowed for Swagger UI's rendering; no
// inline script is. The authorization page narrows this further (routes/authorize-page.ts).
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const securityHeaders: RequestHandler = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      baseUri: ["'self'"],
      scriptSrc: ["'self'"],
      scriptSrcAttr: ["'none'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      // No upgrade-insecure-requests: TLS is the operator's proxy's job, and the embedded default is plain http.
    },
  },
  frameguard: { action: 'deny' },
});

/** API answers hold tenants' settings, people's data and links: no cache keeps them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
