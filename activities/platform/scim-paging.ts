// SCIM list paging (RFC 7644 §3.4.2.4): 1-based startIndex, paged by what actually came back,
// since a server may return fewer than `count`.
import type { ListResponse, ScimResource } from './scim-protocol';
import type { ScimTransport } from './scim-transport';

export interface ScimPage {
  resources: ScimResource[];
  totalResults: number;
  nextStartIndex?: number;
}

export async function* scimPages(transport: ScimTransport, endpoint: string, startIndex: number, count: number): AsyncGenerator<ScimPage> {
  for (let next = startIndex; ; ) {
    const { body } = await transport.call<ListResponse>('GET', endpoint, { query: { startIndex: next, count } });
    const resources = body.Resources ?? [];
    const totalResults = body.totalResults ?? resources.length;
    const following = next + resources.length;
    const more = resources.length > 0 && following <= totalResults;
    yield { resources, totalResults, nextStartIndex: more ? following : undefined };
    if (!more) return;
    next = following;
  }
}
