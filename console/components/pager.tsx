// "Next page" for a keyset-paged list: the cursor of the last row shown, the other filters kept.
export function Pager({ base, query, nextCursor }: { base: string; query: Record<string, string | undefined>; nextCursor: string | null }) {
  const first = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1] && entry[0] !== 'cursor'));
  const next = new URLSearchParams(first);
  if (nextCursor) next.set('cursor', nextCursor);
  return (
    <nav class="pager" aria-label="Pages">
      {query.cursor && <a href={`${base}?${first.toString()}`}>First page</a>}
      {nextCursor && <a href={`${base}?${next.toString()}`}>Next page</a>}
    </nav>
  );
}
