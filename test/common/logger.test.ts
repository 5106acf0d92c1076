import { expect, it } from 'vitest';
import { configureLogging, createLogger } from '../../common/logger';

it('writes JSON lines and redacts fields that hold secrets, at any depth', () => {
  const lines: string[] = [];
  configureLogging({ sink: (line) => lines.push(line), level: 'info' });
  const log = createLogger({ tenantId: 'acme' });
  log.info('calling the platform', { platform: { baseUrl: 'https://scim.example', token: 'tok-123' }, apiKey: 'key-456', headers: { Authorization: 'Bearer x' } });
  log.debug('not at this level');
  expect(lines).toHaveLength(1);
  const entry = JSON.parse(lines[0]!);
  expect(entry).toMatchObject({ level: 'info', msg: 'calling the platform', tenantId: 'acme', platform: { baseUrl: 'https://scim.example', token: '[redacted]' }, apiKey: '[redacted]', headers: { Authorization: '[redacted]' } });
  expect(lines[0]).not.toMatch(/tok-123|key-456|Bearer x/);
});
