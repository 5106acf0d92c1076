// Request bodies the tests share: a valid tenant and the kick-off config of docs/API.md.
import { uniqueTenantId } from './stack';

export function demoTenant(id = uniqueTenantId()) {
  return { id, name: `Acme ${id}`, hris: { provider: 'demo' }, platform: { kind: 'demo' }, contacts: { supportEmail: 'support@roster.example', hrisAdminEmail: 'hr-admin@acme.example' } };
}

export function scimTenant(token: string, id = uniqueTenantId()) {
  return {
    id,
    name: `Globex ${id}`,
    hris: { provider: 'humaans', baseUrl: 'http://127.0.0.1:9/api' },
    platform: { kind: 'scim', baseUrl: 'http://127.0.0.1:9/scim/v2', token, loginUrl: 'https://app.platform.example/login' },
  };
}

export const kickoffConfig = {
  identityKey: 'workEmail',
  include: {
    statuses: ['active', 'onboarding'],
    exclude: [
      { field: 'department', equals: 'Contractors' },
      { all: [{ field: 'location', equals: 'Remote' }, { field: 'employmentBasis', in: ['casual', 'intern'] }] },
    ],
  },
  fieldMappings: { title: 'position', department: 'department', employeeNumber: 'employeeCode', manager: 'managerHrisId', location: 'location', 'custom.startDate': 'startDate' },
  groups: [{ from: 'department', prefix: '', deleteRemoved: false }],
  notifications: { summaryTo: ['hr@acme.example'], errorsTo: ['it@acme.example'] },
  schedule: { cron: '0 7-19/3 * * 1-5', timezone: 'Australia/Sydney', jitterMinutes: 10 },
  inviteNewUsers: false,
  adoptExistingAccounts: false,
  adoptExistingGroups: false,
  requireWorkEmail: false,
  safety: { maxDeactivations: 25, maxDeactivationShare: 0.1 },
  hypercareDays: 14,
};
