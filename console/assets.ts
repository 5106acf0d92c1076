// The console's script and style, built once as the app is made (esbuild, in memory: no build
// step before `npm start`) and served under names that change with their content, so a browser
// may keep them for a year and never runs an old script against a new page.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { Router } from 'express';

export interface ConsoleAssets {
  /** The script's and the style's URLs, for the layout. */
  script: string;
  style: string;
  routes: Router;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const fingerprint = (content: Uint8Array) => createHash('sha256').update(content).digest('hex').slice(0, 12);

export function buildConsoleAssets(): ConsoleAssets {
  const built = buildSync({ entryPoints: [here('./browser/main.ts')], bundle: true, write: false, format: 'esm', target: 'es2022', minify: true, legalComments: 'none' });
  const files = [
    { name: 'console', ext: 'js', type: 'text/javascript', content: built.outputFiles[0]!.contents },
    { name: 'console', ext: 'css', type: 'text/css', content: readFileSync(here('./style.css')) },
  ].map((file) => ({ ...file, url: `/console/assets/${file.name}-${fingerprint(file.content)}.${file.ext}` }));

  const routes = Router();
  for (const { url, type, content } of files) {
    routes.get(url, (_req, res) => {
      res.set('Cache-Control', 'public, max-age=31536000, immutable').type(type).send(Buffer.from(content));
    });
  }
  return { script: files[0]!.url, style: files[1]!.url, routes };
}
