// A local HTTP server whose answers a test scripts request by request, for the HTTP layer's tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ScriptedServer {
  url: string;
  /** Paths with their query strings, in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** `answer` gets each request and its 0-based number. */
export async function startScriptedServer(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void): Promise<ScriptedServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    answer(req, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
