// Compose cannot run on our machines (no Docker engine), so this checks what can be checked:
// the file parses, every service has what it needs, the worker and API get every variable they
// cannot start without, only the API is published beyond this machine, and no .env reaches the image.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { apiEnvSchema, requiredVariables, workerEnvSchema } from '../../common/env';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true });

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal on PostgreSQL with the search attributes, its UI, Mailpit, worker and api', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-setup', 'temporal-ui', 'mailpit', 'migrate', 'worker', 'api']));
    expect(compose.services.temporal.environment.DB).toBe('postgres12');
    const setup = compose.services['temporal-setup'].entrypoint.join(' ');
    expect(setup).toContain('--name RosterTenantId --type Keyword');
    expect(setup).toContain('--name RosterStage --type Keyword');
  });

  it('turns on task-queue fairness in the Temporal server it mounts the dynamic config into', () => {
    const { environment, volumes } = compose.services.temporal;
    const [file, target] = (volumes as string[])[0]!.split(':');
    expect(target).toBe(`/etc/temporal/${environment.DYNAMIC_CONFIG_FILE_PATH}`);
    expect(parse(readFileSync(file!, 'utf8'))['matching.enableFairness']).toEqual([{ value: true }]);
  });

  it.each([
    ['worker', workerEnvSchema, 'worker'],
    ['api', apiEnvSchema, 'api'],
  ] as const)('sets every variable the %s requires and runs its npm script', (service, schema, script) => {
    const definition = compose.services[service];
    expect(definition.command).toEqual(['npm', 'run', script]);
    for (const variable of requiredVariables(schema)) expect(Object.keys(definition.environment), variable).toContain(variable);
    expect(definition.environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
  });

  it('keeps secrets out of the file: they must come from the environment', () => {
    expect(compose.services.api.environment.ROSTER_ADMIN_TOKEN).toMatch(/^\$\{ROSTER_ADMIN_TOKEN:\?/);
    expect(compose.services.worker.environment.ROSTER_ENCRYPTION_KEY).toMatch(/^\$\{ROSTER_ENCRYPTION_KEY:\?/);
  });
});

/** A short-syntax port as compose reads it: [host IP:][host port:]container port. */
function published(port: string): { hostIp?: string; hostPort?: string; containerPort: string } {
  const parts = port.split(':');
  const containerPort = parts.pop()!;
  const hostPort = parts.pop();
  return { hostIp: parts.length > 0 ? parts.join(':') : undefined, hostPort, containerPort };
}

describe('what docker-compose.yml publishes', () => {
  const services = Object.entries(compose.services as Record<string, { ports?: string[] }>);

  it('publishes the API, and only the API, on every interface', () => {
    const everyInterface = services.flatMap(([name, service]) => (service.ports ?? []).map(published).filter((p) => p.hostPort !== undefined && p.hostIp === undefined).map((p) => `${name} ${p.hostPort}:${p.containerPort}`));
    expect(everyInterface).toEqual(['api 3000:3000']);
  });

  it('binds everything else it publishes to 127.0.0.1: Temporal, its UI and Mailpit have no authentication', () => {
    const others = services.filter(([name]) => name !== 'api').flatMap(([name, service]) => (service.ports ?? []).map((port) => [name, published(port)] as const));
    expect(others.map(([name]) => name).sort()).toEqual(['mailpit', 'temporal', 'temporal-ui']);
    for (const [name, port] of others) expect(port.hostIp, name).toBe('127.0.0.1');
    // A port with no host port would be published on a random port of every interface.
    for (const [name, port] of others) expect(port.hostPort, name).toBeDefined();
    expect(compose.services.postgres.ports).toBeUndefined();
  });

  it("turns the Temporal UI's write actions off, and has it decode payloads through Roster's codec endpoint", () => {
    expect(compose.services['temporal-ui'].environment.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
    // Decoded through Roster's codec endpoint with the console's session; the API lets the UI's origin call it.
    expect(compose.services['temporal-ui'].environment).toMatchObject({ TEMPORAL_CODEC_ENDPOINT: '${ROSTER_CODEC_ENDPOINT:-http://localhost:3000/codec}', TEMPORAL_CODEC_INCLUDE_CREDENTIALS: 'true' });
    expect(compose.services.api.environment.ROSTER_TEMPORAL_UI_URL).toBe('${ROSTER_TEMPORAL_UI_URL:-http://localhost:8233}');
  });

  it('needs a public URL for links, and lets the API refuse an http one', () => {
    expect(compose.services.api.environment.ROSTER_PUBLIC_URL).toMatch(/^\$\{ROSTER_PUBLIC_URL:\?/);
    expect(compose.services.api.environment.ROSTER_ALLOW_HTTP_PUBLIC_URL).toBe('${ROSTER_ALLOW_HTTP_PUBLIC_URL:-false}');
  });
});

describe('.dockerignore', () => {
  const ignored = readFileSync('.dockerignore', 'utf8').split('\n').map((line) => line.trim());

  it('keeps .env files, which compose reads secrets from, out of the image that COPY . . builds', () => {
    expect(readFileSync('Dockerfile', 'utf8')).toMatch(/^COPY \. \.$/m);
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*']));
  });
});
