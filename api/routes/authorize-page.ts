// The customer's authorization page, for an HRIS admin who has only the link: plain HTML that
// works without JavaScript or outside assets. Its form runs the JSON route's logic (redeemLink, ../link-redemption.ts)
// and answers each outcome with a page saying what happened and what to do next.
import { createHash } from 'node:crypto';
import express, { type ErrorRequestHandler, type RequestHandler, type Response, type Router } from 'express';
import { keyHost } from '../../activities/hris';
import { keyGuide } from '../../activities/notify/templates/authorization-link';
import { escapeHtml, utcTime } from '../../activities/notify/templates/layout';
import { loggerFor } from '../../common/logger';
import { ApiError } from '../errors';
import { lookUpLink, privateAnswer, redeemLink, type FoundLink, type LinkRouteDeps } from '../link-redemption';
import { apiRouter } from '../params';

const log = loggerFor('api');

const style = [
  'body{font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em;margin:2em auto;padding:0 1em}',
  'label{display:block;font-weight:bold;margin-top:1em}',
  'input{font:inherit;width:100%;box-sizing:border-box;padding:.5em;border:1px solid #555;border-radius:4px}',
  'button{font:inherit;margin-top:1em;padding:.5em 1.2em;color:#fff;background:#1a4fa0;border:0;border-radius:4px;cursor:pointer}',
  ':focus-visible{outline:3px solid #f5a623;outline-offset:2px}',
  '.notice{padding:.5em 1em;border-left:4px solid #b00020;background:#fdecee}',
  '.done{border-left-color:#1b7f3b;background:#e9f6ee}',
  '.small{color:#555;font-size:14px}',
].join('');

const styleHash = createHash('sha256').update(style).digest('base64');

const pageHeaders = {
  ...privateAnswer,
  // Narrower than the app's policy: nothing but this page's own style (by its hash), its form
  // posts only here, and it cannot be framed (the key field is a target).
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${styleHash}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
};

function send(res: Response, status: number, title: string, body: string): void {
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} – Roster</title><style>${style}</style></head>`,
    `<body><main><h1>${escapeHtml(title)}</h1>`,
    body,
    '</main></body></html>',
  ].join('\n');
  res.status(status).set(pageHeaders).type('html').send(html);
}

const notice = (text: string, done = false) => `<p class="notice${done ? ' done' : ''}" role="${done ? 'status' : 'alert'}">${escapeHtml(text)}</p>`;

/** Where the key goes, in plain words: the admin can stop before pasting a key for the wrong place. */
function whereTheKeyGoes({ tenant }: FoundLink, systemName: string): string {
  const host = keyHost(tenant.hris);
  if (!host) return `<p id="key-destination">The key stays in Roster: ${escapeHtml(systemName)} is part of Roster, so the key is sent nowhere else.</p>`;
  return `<p id="key-destination">Roster will send the key to <strong>${escapeHtml(host)}</strong>, the address of ${escapeHtml(systemName)} in ${escapeHtml(tenant.name)}'s settings, and nowhere else. If that is not where your ${escapeHtml(systemName)} is, do not send the key: tell your Roster contact.</p>`;
}

/** The form, with what went wrong on the previous try when there was something. */
function sendForm(res: Response, found: FoundLink, problem?: { status: number; text: string }): void {
  const { link, tenant } = found;
  const guide = keyGuide(tenant.hris.provider);
  const form = [
    whereTheKeyGoes(found, guide.name),
    '<form method="post">',
    `<label for="api-key">API key from ${escapeHtml(guide.name)}</label>`,
    '<input id="api-key" name="apiKey" type="password" autocomplete="off" autocapitalize="off" spellcheck="false" required aria-describedby="key-help">',
    '<button type="submit">Check and save the key</button>',
    '</form>',
  ];
  send(res, problem?.status ?? 200, `Connect ${guide.name} for ${tenant.name}`, [
    ...(problem ? [notice(problem.text)] : []),
    `<p>Roster keeps ${escapeHtml(tenant.name)}'s platform accounts in step with ${escapeHtml(guide.name)}. To read the directory it needs an API key from ${escapeHtml(guide.name)}; it only ever reads.</p>`,
    '<h2>Where to find the key</h2>',
    `<p id="key-help">${escapeHtml(guide.whereToCreateKey)}</p>`,
    ...(guide.takesKey ? form : []),
    `<p class="small">Roster checks the key with ${escapeHtml(guide.name)} as soon as you send it and keeps it encrypted: nobody can read it back. This link works once, until ${escapeHtml(utcTime(link.expires_at.toISOString()))}.</p>`,
  ].join('\n'));
}

/** A refused link or try as a page; the link's own problems end without a form. */
function sendRefusal(res: Response, error: ApiError, found?: FoundLink): void {
  if (error.code === 'link_not_found') return send(res, 404, 'This link is not valid', notice(error.message));
  if (error.code === 'link_gone') return send(res, 410, 'This link no longer works', notice(error.message));
  if (error.code === 'rate_limited') return send(res, 429, 'Too many tries', notice(error.message));
  if (error.extra.linkRevoked) return send(res, 400, 'The key was rejected', notice(error.message));
  const text = error.code === 'validation_failed' ? 'Paste the API key into the field, then send it.' : error.message;
  sendForm(res, found!, { status: error.status, text });
}

const failed: ErrorRequestHandler = (error, req, res, _next) => {
  if (error instanceof ApiError) return sendRefusal(res, error);
  // A form the body parser could not read (too large, a bad charset) is the sender's to fix.
  if (typeof error?.status === 'number' && error.status >= 400 && error.status < 500) return send(res, 400, 'The form could not be read', notice('Please go back, paste the key again and send it.'));
  // The route pattern only: the URL carries the token.
  log.error('authorization page failed', { method: req.method, route: req.route?.path ?? 'unmatched', error });
  send(res, 500, 'Something went wrong', notice('Roster could not finish this. Nothing was lost: please try again in a few minutes, and tell your Roster contact if it keeps happening.'));
};

/** GET and POST /authorize/:linkToken, behind the link rate limits. */
export function authorizePageRoutes(deps: LinkRouteDeps, limits: RequestHandler[]): Router {
  const router = apiRouter();
  router.get('/authorize/:linkToken', ...limits, async (req, res) => {
    const found = await lookUpLink(deps.db, String(req.params.linkToken));
    if (found.gone) throw found.gone;
    sendForm(res, found);
  });

  router.post('/authorize/:linkToken', ...limits, express.urlencoded({ extended: false, limit: '16kb' }), async (req, res) => {
    const token = String(req.params.linkToken);
    const found = await lookUpLink(deps.db, token);
    try {
      // A body that is not a form reads as an empty one: the page asks for the key again.
      await redeemLink(deps, token, req.is('application/x-www-form-urlencoded') ? req.body : {}, req.ip);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return sendRefusal(res, error, found);
    }
    const name = keyGuide(found.tenant.hris.provider).name;
    send(res, 200, 'The key works', notice(`Roster checked the key with ${name} and saved it for ${found.tenant.name}. There is nothing more to do: you can close this page.`, true));
  });
  router.use(failed);
  return router;
}
