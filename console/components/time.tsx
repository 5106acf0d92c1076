// A moment as the viewer's own clock shows it: the server writes UTC, the console's script
// rewrites it in the browser's timezone (console/browser/times.ts). `zone` adds the tenant's.
export function Time({ at, zone }: { at: string | Date | null | undefined; zone?: string }) {
  if (!at) return <span class="muted">—</span>;
  const iso = typeof at === 'string' ? at : at.toISOString();
  const utc = `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return (
    <time datetime={iso} data-local="" data-zone={zone}>
      {utc}
    </time>
  );
}
