// Page answer times as a signed-in browser meets them: a session made through /sign-in, then each
// page requested in turn, warmed up first, its whole HTML read. Sequential, like one person.
export interface PageTiming {
  name: string;
  path: string;
  status: number;
  bytes: number;
  p50: number;
  p95: number;
  max: number;
}

/** The session cookie the console's sign-in form sets for this token. */
export async function signIn(baseUrl: string, token: string): Promise<string> {
  const answer = await fetch(`${baseUrl}/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, next: '/tenants' }),
    redirect: 'manual',
  });
  const cookie = answer.headers.get('set-cookie');
  if (answer.status !== 303 || !cookie) throw new Error(`sign-in answered ${answer.status}`);
  return cookie.split(';')[0]!;
}

const percentile = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

export async function timePage(baseUrl: string, cookie: string, name: string, path: string, rounds: number, warmup = 10): Promise<PageTiming> {
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  for (let round = 0; round < warmup + rounds; round += 1) {
    const started = performance.now();
    const answer = await fetch(baseUrl + path, { headers: { cookie }, redirect: 'manual' });
    const body = await answer.arrayBuffer();
    const ms = performance.now() - started;
    status = answer.status;
    bytes = body.byteLength;
    if (round >= warmup) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { name, path, status, bytes, p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times[times.length - 1]! };
}
