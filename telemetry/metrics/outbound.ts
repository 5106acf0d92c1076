// Every call to an HR system or a platform goes through activities/http/client.ts, whose transport
// this wraps: each attempt counted by provider and status, timed until the answer's headers.
import type { OutboundProvider } from './catalogue';
import { workerMetrics } from './worker-metrics';

export function measuredFetch(provider: OutboundProvider, send: typeof fetch): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await send(input, init);
      workerMetrics.outboundAnswered(provider, response.status, seconds());
      return response;
    } catch (error) {
      workerMetrics.outboundAnswered(provider, 'error', seconds());
      throw error;
    }
  };
}
