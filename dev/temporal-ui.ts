// Temporal's Web UI for the embedded default, run as its own process: the UI server that the
// Temporal CLI embeds, built once with Go like the CLI (dev/go-tool.ts). Unlike the dev server's
// built-in UI (`--ui-codec-endpoint` only), its codec settings can include credentials, so the UI
// sends the console's session cookie to Roster's codec endpoint: a signed-in user reads decoded
// payloads, anyone else ciphertext. Without Go the dev server's own UI is used instead, with the
// codec endpoint set; it then shows ciphertext unless the user turns on "include credentials" in
// the UI's codec settings.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWithGo, cachedTool, goAvailable, isExecutable, type GoTool } from './go-tool';

/** The version the Temporal CLI v1.5.1 embeds, and compose's temporalio/ui image. */
export const temporalUiServer: GoTool = { title: "Temporal's UI server", module: 'github.com/temporalio/ui-server/v2/cmd/server', version: 'v2.42.1', binary: 'server', cacheName: 'temporal-ui-server' };

const say = (line: string) => process.stderr.write(`[temporal-ui] ${line}\n`);

/** The UI server's binary, built if Go can build it; undefined otherwise. */
export async function findTemporalUiServer(): Promise<string | undefined> {
  const cached = cachedTool(temporalUiServer);
  if (isExecutable(cached)) return cached;
  if (!goAvailable()) return undefined;
  try {
    return await buildWithGo(temporalUiServer, say);
  } catch (error) {
    say(`${(error as Error).message}; the dev server's own Web UI is used instead.`);
    return undefined;
  }
}

export interface TemporalUiOptions {
  binary: string;
  port: number;
  temporalAddress: string;
  /** Roster's codec endpoint (`<api>/codec`). */
  codecEndpoint: string;
  /** Where its configuration file is written. */
  dir: string;
  logFile?: string;
  namespace?: string;
}

export interface TemporalUi {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilServing(url: string, exited: () => number | null): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const code = exited();
    if (code !== null) throw new Error(`Temporal's UI server exited (code ${code}) before it served ${url}`);
    const answered = await fetch(`${url}/api/v1/settings`).then((res) => res.ok, () => false);
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`Temporal's UI server did not answer on ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startTemporalUi(options: TemporalUiOptions): Promise<TemporalUi> {
  const configDir = join(options.dir, 'temporal-ui');
  mkdirSync(configDir, { recursive: true });
  // JSON is YAML: the UI server reads `<env>.yaml` from its config folder.
  const config = {
    temporalGrpcAddress: options.temporalAddress,
    host: '127.0.0.1',
    port: options.port,
    enableUi: true,
    defaultNamespace: options.namespace ?? 'default',
    hideLogs: true,
    cors: { cookieInsecure: true },
    codec: { endpoint: options.codecEndpoint, includeCredentials: true },
  };
  writeFileSync(join(configDir, 'roster.yaml'), JSON.stringify(config, null, 2));
  const child = spawn(options.binary, ['--root', options.dir, '--config', 'temporal-ui', '--env', 'roster', 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  child.stdout!.on('data', (chunk: Buffer) => log?.write(chunk));
  child.stderr!.on('data', (chunk: Buffer) => log?.write(chunk));
  const url = `http://localhost:${options.port}`;
  try {
    await waitUntilServing(url, () => child.exitCode);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => {
          log?.end();
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
