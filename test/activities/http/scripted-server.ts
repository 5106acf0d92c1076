// A local HTTP server whose answers a test scripts request by request, for the HTTP layer's tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ScriptedServer {
  url: string;
  /** scheme://host:port, without the API's path. */
  origin: string;
  port: number;
  /** Paths with their query strings, in arrival order. */
  requests: string[];
  /** Every connection made to the server, in arrival order: a refused call must leave this empty. */
  connections: Socket[];
  close(): Promise<void>;
}

/** `answer` gets each request and its 0-based number. */
export async function startScriptedServer(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<ScriptedServer> {
  const requests: string[] = [];
  const connections: Socket[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req, res, requests.length - 1);
  });
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/api`,
    origin,
    port,
    requests,
    connections,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Resolves once the socket is closed (at once if it already is), whether or not it was reset. */
export async function closed(socket: Socket): Promise<void> {
  if (!socket.closed) await new Promise((resolve) => socket.once('close', resolve));
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
