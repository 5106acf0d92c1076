// The SCIM server's own cost (BENCHMARKS.md, 3): one client, one request at a time, no Roster and
// no pacing, on the main tenant's directory and on a scratch tenant, to show that the fake
// platform is not what sets the pace of a run.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ScimTenant } from '../../dev/scim-server';
import { serverTime } from './phases';
import type { Say } from './progress';
import type { Stack } from './stack';

export async function rawScim(
  { scimServer, lean, scimUrl: baseUrl }: Stack,
  { id: bigTenant, token: bigToken, scim: big }: { id: string; token: string; scim: ScimTenant },
  items: number,
  say: Say,
) {
  say('timing the SCIM server alone (unpaced list, group list, creates, patches)');
  const time = async (count: number, request: (index: number) => Promise<Response>) => {
    const started = performance.now();
    for (let index = 0; index < count; index += 1) {
      const response = await request(index);
      if (!response.ok) throw new Error(`SCIM answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
    const ms = performance.now() - started;
    return { requests: count, totalMs: Math.round(ms), meanMs: ms / count, perSecond: (count / ms) * 1000 };
  };
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, accept: 'application/scim+json', 'content-type': 'application/scim+json' });
  const users = big.directory.users().length;
  const opsBefore = big.operations.length;
  const list = await time(Math.ceil(users / 100), (page) => fetch(`${baseUrl}/scim/${bigTenant}/v2/Users?startIndex=${page * 100 + 1}&count=100`, { headers: headers(bigToken) }));
  const listServer = serverTime(big.operations.slice(opsBefore), { from: 0, to: Infinity });
  const listGroups = () => fetch(`${baseUrl}/scim/${bigTenant}/v2/Groups?startIndex=1&count=100`, { headers: headers(bigToken) });
  // A PATCH that adds a member the group already has: the whole cost of a group PATCH, no change.
  const group = big.directory.groups()[0]!;
  const member = (group.members as { value: string }[])[0]!.value;
  const noOpPatch = () =>
    fetch(`${baseUrl}/scim/${bigTenant}/v2/Groups/${group.id}`, {
      method: 'PATCH',
      headers: headers(bigToken),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: member }] }] }),
    });
  lean.add(bigTenant, bigToken, big);
  const groupsLean = { list: await time(3, listGroups), patch: await time(10, noOpPatch) };
  lean.remove(bigTenant);
  const groupsScimmy = { list: await time(3, listGroups), patch: await time(10, noOpPatch) };

  const scratchId = `raw-${randomUUID().slice(0, 6)}`;
  const token = randomBytes(16).toString('hex');
  const scratch = scimServer.addTenant(scratchId, token);
  const ids: string[] = [];
  const creates = await time(items, async (index) => {
    const response = await fetch(`${baseUrl}/scim/${scratchId}/v2/Users`, {
      method: 'POST',
      headers: headers(token),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `raw${index}@acme.example`, externalId: `raw${index}`, active: true, name: { givenName: 'Raw', familyName: `Person ${index}` }, title: 'Engineer' }),
    });
    const clone = response.clone();
    ids.push(((await clone.json()) as { id: string }).id);
    return response;
  });
  const patches = await time(items, (index) =>
    fetch(`${baseUrl}/scim/${scratchId}/v2/Users/${ids[index]}`, {
      method: 'PATCH',
      headers: headers(token),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: 'Senior Engineer' }] }),
    }),
  );
  return {
    listPages: { ...list, users, pageSize: 100, serverMeanMs: listServer.meanMs },
    groups: { count: big.directory.groups().length, members: big.directory.groups().reduce((sum, g) => sum + (g.members as unknown[]).length, 0), lean: groupsLean, scimmy: groupsScimmy },
    creates: { ...creates, serverMeanMs: serverTime(scratch.operations, { from: 0, to: Infinity }, (op) => op.method === 'POST').meanMs },
    patches: { ...patches, serverMeanMs: serverTime(scratch.operations, { from: 0, to: Infinity }, (op) => op.method === 'PATCH').meanMs },
  };
}

export type ScimAlone = Awaited<ReturnType<typeof rawScim>>;
