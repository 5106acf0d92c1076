// The worker's metrics port (ROSTER_WORKER_METRICS_PORT): Roster's worker figures and, after them,
// the Temporal SDK's, in Prometheus' text format at /metrics. No token: it holds counts only, and
// is meant for the private network the worker runs in, not for publishing.
import { createServer, type Server } from 'node:http';
import { EnvError } from '../../common/env';
import { sdkMetricsText } from './sdk-exporter';
import { workerRegistry } from './worker-metrics';

export interface WorkerMetricsServer {
  url: string;
  stop(): Promise<void>;
}

/** Addresses this machine reaches as localhost, as the API's banner names them. */
const loopbackOrAny = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost']);

/** Said in one line by the worker and `npm start`, as a bad variable is. */
export class MetricsPortInUse extends EnvError {}

async function scrape(): Promise<string> {
  const [roster, sdk] = await Promise.all([workerRegistry.metrics(), sdkMetricsText()]);
  return sdk ? `${roster}\n${sdk}` : roster;
}

/** Listens on `port` (0: any free one); a port already taken rejects with one line that says what to do. */
export async function startWorkerMetricsServer({ port, host }: { port: number; host?: string }): Promise<WorkerMetricsServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the worker serves /metrics only.\n');
      return;
    }
    scrape().then(
      (text) => res.writeHead(200, { 'content-type': workerRegistry.contentType }).end(text),
      () => res.writeHead(503, { 'content-type': 'text/plain' }).end('The metrics could not be gathered.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new MetricsPortInUse(`The worker's metrics port ${port} is already in use: stop what listens there or set ROSTER_WORKER_METRICS_PORT to a free port.`) : error),
    );
    server.listen({ port, host }, resolve);
  });
  const bound = (server.address() as { port: number }).port;
  return {
    url: `http://${host === undefined || loopbackOrAny.has(host) ? 'localhost' : host}:${bound}/metrics`,
    stop: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  return closed;
}
