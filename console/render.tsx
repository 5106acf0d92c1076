// Pages are preact components rendered to HTML on the server (escaped by default). Their policy
// is stricter than the API's: scripts and styles from Roster's own files only, no inline style.
import type { Response } from 'express';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Caller } from '../api/tokens';
import type { ConsoleAssets } from './assets';

export const consolePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** What every page of a signed-in console knows. */
export interface PageContext {
  caller: Caller;
  csrf: string;
  assets: Pick<ConsoleAssets, 'script' | 'style'>;
  /** The page's own path and query, for links back to it. */
  url: string;
  /** Temporal's Web UI, when configured: pages link to their workflows there. */
  temporalUiUrl?: string;
}

export function sendPage(res: Response, page: VNode, status = 200): void {
  res
    .status(status)
    .set({ 'Content-Security-Policy': consolePolicy, 'Cache-Control': 'no-store' })
    .type('html')
    .send(`<!doctype html>${renderToString(page)}`);
}
