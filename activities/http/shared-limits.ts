// Rate limits that belong to a service rather than to one tenant (a platform that allows R
// requests a second for the whole of Roster), held across every run in every worker. Each request
// reserves the next free moment for its host in one PostgreSQL statement and waits for it: slots
// are 1/R apart on the database's clock, so no two workers can take the same one, and no lock is
// held while anyone waits (docs/decisions.md "Issue 18 — shared limits").
import type { Db } from '../../common/db';

export interface SharedLimits {
  /** Resolves when a request to this URL's host may be sent; at once for a host without a shared limit. */
  turn(url: URL): Promise<void>;
}

/**
 * Slots are spaced for 95 % of the limit: a request's own latency varies by a few milliseconds,
 * and at exactly R one late arrival would put R + 1 into the server's next second.
 */
const HEADROOM = 0.95;

/** `perSecond`: requests a second by host (`name` or `name:port`, as in ROSTER_SHARED_RATE_LIMITS). */
export function sharedLimits(db: Db, perSecond: Readonly<Record<string, number>>): SharedLimits {
  const spacingMs = new Map(Object.entries(perSecond).map(([host, rate]) => [host.toLowerCase(), 1000 / (rate * HEADROOM)]));
  return {
    async turn(url) {
      const spacing = spacingMs.get(url.host.toLowerCase());
      if (spacing === undefined) return;
      const step = `${spacing} milliseconds`;
      // A turn woken after its slot had passed (a busy event loop) takes a new one: sent late, it
      // would land in the same second as the requests of the slots after it.
      for (;;) {
        const { rows } = await db.raw<{ rows: { wait_ms: number }[] }>(
          `insert into shared_rate_slots as s (host, next_at) values (?, clock_timestamp() + ?::interval)
           on conflict (host) do update set next_at = greatest(s.next_at, clock_timestamp()) + ?::interval
           returning extract(epoch from (s.next_at - ?::interval - clock_timestamp())) * 1000 as wait_ms`,
          [url.host.toLowerCase(), step, step, step],
        );
        const due = Date.now() + Math.max(0, Number(rows[0]!.wait_ms));
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        if (Date.now() - due < spacing) return;
      }
    },
  };
}
