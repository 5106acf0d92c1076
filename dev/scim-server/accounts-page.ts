// A read-only view of a tenant's accounts for the demo: JSON, or a plain HTML table when a
// browser asks. Local development only: it needs no token.
import type { Request, RequestHandler } from 'express';
import type { ScimRecord, TenantDirectory } from './directory';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

interface AccountRow {
  id: string;
  userName: string;
  name: string;
  email: string;
  active: boolean;
  externalId: string;
  title: string;
  department: string;
  manager: string;
}

function row(user: ScimRecord, directory: TenantDirectory): AccountRow {
  const name = (user.name ?? {}) as { givenName?: string; familyName?: string };
  const emails = (user.emails ?? []) as { value?: string; primary?: boolean }[];
  const extension = (user[enterprise] ?? {}) as { department?: string; manager?: { value?: string } };
  const managerId = extension.manager?.value;
  return {
    id: user.id,
    userName: String(user.userName ?? ''),
    name: [name.givenName, name.familyName].filter(Boolean).join(' '),
    email: (emails.find((email) => email.primary) ?? emails[0])?.value ?? '',
    active: user.active !== false,
    externalId: String(user.externalId ?? ''),
    title: String(user.title ?? ''),
    department: extension.department ?? '',
    manager: managerId ? String(directory.user(managerId)?.userName ?? managerId) : '',
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function table(tenantId: string, rows: AccountRow[]): string {
  const columns = ['userName', 'name', 'email', 'active', 'externalId', 'title', 'department', 'manager'] as const;
  const head = columns.map((column) => `<th>${column}</th>`).join('');
  const body = rows.map((r) => `<tr>${columns.map((column) => `<td>${escapeHtml(String(r[column]))}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Demo platform: ${escapeHtml(tenantId)}</title>
<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}</style>
<h1>Demo platform accounts: ${escapeHtml(tenantId)} (${rows.length})</h1>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>`;
}

export function accountsPage(directoryOf: (request: Request) => TenantDirectory | undefined): RequestHandler {
  return (request, response) => {
    const directory = directoryOf(request);
    if (!directory) {
      response.status(404).json({ error: 'unknown_tenant' });
      return;
    }
    const rows = directory.users().map((user) => row(user, directory));
    if (request.accepts(['json', 'html']) === 'html') response.type('html').send(table(String(request.params.tenantId), rows));
    else response.json(rows);
  };
}
