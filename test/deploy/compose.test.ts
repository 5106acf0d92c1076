// Compose cannot run on our machines (no Docker engine), so this checks what can be checked:
// the file parses, every service has what it needs, and the worker and API get every variable
// they cannot start without.
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
