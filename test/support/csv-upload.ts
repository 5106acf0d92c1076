// Uploading a CSV tenant's files as a customer's script would: the file itself as a text/csv body.
import { checkAnswer } from './contract';
import type { ApiAnswer, TestStack } from './stack';
import { demoTenant } from './fixtures';

export function csvTenant() {
  return { ...demoTenant(), hris: { provider: 'csv' } };
}

export async function uploadFile(stack: TestStack, tenantId: string, kind: string, body: string | Uint8Array, options: { token?: string | null; contentType?: string } = {}): Promise<ApiAnswer> {
  const { token = stack.adminToken, contentType = 'text/csv; charset=utf-8' } = options;
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers.authorization = `Bearer ${token}`;
  const path = `/api/tenants/${tenantId}/files/${kind}`;
  const response = await fetch(stack.url + path, { method: 'PUT', headers, body: typeof body === 'string' ? body : Buffer.from(body) });
  const text = await response.text();
  checkAnswer('PUT', path, { status: response.status, contentType: response.headers.get('content-type'), text });
  const json = response.headers.get('content-type')?.startsWith('application/json');
  return { status: response.status, body: json ? JSON.parse(text) : undefined, text };
}
