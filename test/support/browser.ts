// Real Chromium for the console's tests: the binary inside the @sparticuz/chromium package,
// unpacked once into the user's cache (beside the Temporal CLI), driven by playwright-core.
// Screenshots land in test-artifacts/console/; axe-core judges each page's accessibility.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium as playwright, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { cacheRoot } from '../../dev/go-tool';
import { startTestStack, type TestStack, type TestStackOptions } from './stack';

// The package's exports hide its package.json; the unpacked browser is kept per version.
const { version } = JSON.parse(readFileSync(new URL('../../node_modules/@sparticuz/chromium/package.json', import.meta.url), 'utf8')) as { version: string };
export const artifactsDir = join(process.cwd(), 'test-artifacts', 'console');

/** Where the package unpacks Chromium: it unpacks into the temporary folder, so that is pointed at the cache while it does. */
async function chromiumPath(dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const tmp = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await chromium.executablePath();
  } finally {
    if (tmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmp;
  }
}

/**
 * A fontconfig folder naming the package's fonts where they were unpacked. The package's own
 * fonts.conf names the folders of its usual home (/tmp/fonts and the like): on a machine where
 * nothing put fonts there, Chromium finds none and its renderer crashes on the first text.
 */
function fontConfig(dir: string): string {
  const folder = join(dir, 'fontconfig');
  mkdirSync(folder, { recursive: true });
  // Written aside and renamed: test files launch their browsers in parallel, and none may read half a file.
  const written = join(folder, `fonts.conf.${randomUUID()}`);
  writeFileSync(written, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
  renameSync(written, join(folder, 'fonts.conf'));
  return folder;
}

export async function launchBrowser(): Promise<Browser> {
  const dir = join(cacheRoot(), `chromium-${version}`);
  const executablePath = process.env.ROSTER_CHROMIUM ?? (await chromiumPath(dir));
  return playwright.launch({
    executablePath,
    headless: true,
    // The package's fonts, so pages render alike on every machine; no calls home (the machine may have no internet).
    env: { ...process.env, FONTCONFIG_PATH: fontConfig(dir) },
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const widths = { desktop: 1280, phone: 390 } as const;

export async function newContext(browser: Browser, width: number = widths.desktop): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width, height: 900 }, timezoneId: 'Europe/Paris', locale: 'en-GB' });
}

/** Screenshots of the page at both widths, as test artifacts. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  for (const [label, width] of Object.entries(widths)) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(artifactsDir, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: widths.desktop, height: 900 });
}

/** axe-core's serious and critical violations on the page, as readable lines (empty when none). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** A test file's own stack and a browser, started before its tests and stopped after them; read `.stack` and `.browser` inside tests. */
export function useStackAndBrowser(options: TestStackOptions = {}): { stack: TestStack; browser: Browser } {
  const started = {} as { stack: TestStack; browser: Browser };
  beforeAll(async () => {
    [started.stack, started.browser] = await Promise.all([startTestStack({}, options), launchBrowser()]);
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.stop();
  });
  return started;
}
