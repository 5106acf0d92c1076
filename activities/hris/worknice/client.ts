// Worknice over the shared HTTP layer: one GraphQL endpoint, the key in its own header, and
// failures that arrive as HTTP statuses or as GraphQL `errors[]` beside a 200.
import { createHttpClient, type HttpTuning } from '../../http/client';
import { ConnectorError } from '../../http/errors';
import { graphqlAnswer, WORKNICE, type GraphqlError, type WorkniceOperation } from './api';

export interface WorkniceClient {
  /**
   * The operation's `data`. Any GraphQL error fails the whole call, even beside data: a field an
   * error nulled could hide a manager or a leaver.
   */
  run(operation: WorkniceOperation): Promise<unknown>;
}

/** A vendor code, upper-cased; undefined when absent or not code-like (it might quote data). */
function codeOf(error: GraphqlError): string | undefined {
  const code = error.extensions?.code;
  return typeof code === 'string' && /^[A-Za-z][\w.-]{0,40}$/.test(code) ? code.toUpperCase() : undefined;
}

function rejectsKey(error: GraphqlError): boolean {
  const code = codeOf(error);
  if (code) return (WORKNICE.rejectedKeyCodes as readonly string[]).includes(code);
  return typeof error.message === 'string' && WORKNICE.rejectedKeyMessage.test(error.message);
}

/** Where in the answer the first error struck, as field names and list positions only. */
function whereOf(error: GraphqlError): string {
  const steps = (error.path ?? []).filter((step) => typeof step === 'number' || /^[A-Za-z_]\w{0,40}$/.test(step));
  return steps.length > 0 ? ` at ${steps.join('.')}` : '';
}

function graphqlFailure(what: string, status: number, errors: GraphqlError[]): ConnectorError {
  const codes = [...new Set(errors.map((error) => codeOf(error) ?? 'no code'))];
  const vendorCode = codes.join(', ');
  // GraphQL messages may quote people's data: only codes and positions go into ours.
  const message = `Worknice answered ${status} to ${what} with GraphQL errors (${vendorCode})${whereOf(errors[0]!)}`;
  if (errors.some(rejectsKey)) return new ConnectorError('credentials_rejected', `${message}: the key was rejected`, { status, vendorCode });
  if (errors.every((error) => (WORKNICE.transientCodes as readonly (string | undefined)[]).includes(codeOf(error)))) {
    return new ConnectorError('transient', message, { status, vendorCode });
  }
  return new ConnectorError('invalid_response', `${message}: Roster does not act on an answer with errors`, { status, vendorCode });
}

export function createWorkniceClient(apiKey: string, baseUrl: string | undefined, tuning: HttpTuning = {}): WorkniceClient {
  const base = baseUrl ?? WORKNICE.defaultBaseUrl;
  const http = createHttpClient({ ...tuning, baseUrl: base, service: 'Worknice', provider: 'worknice', headers: () => ({ [WORKNICE.tokenHeader]: apiKey }) });
  const endpoint = new URL(base.replace(/\/+$/, '') + WORKNICE.path).pathname;

  return {
    async run(operation) {
      const what = `POST ${endpoint} (${operation.name})`;
      // GraphQL servers may answer a query they refuse with 400 and `errors[]`: those are read too.
      const { status, body } = await http.request('POST', WORKNICE.path, { body: { query: operation.query, variables: operation.variables }, accept: [400, 404] });
      if (status === 404) throw new ConnectorError('misconfigured', `Worknice answered 404 to ${what}: check the HRIS base URL`, { status });
      const answer = graphqlAnswer.safeParse(body);
      const errors = answer.data?.errors ?? [];
      if (errors.length > 0) throw graphqlFailure(what, status, errors);
      if (status !== 200 || answer.data?.data === undefined) {
        throw new ConnectorError('invalid_response', `Worknice did not answer ${what} with GraphQL data (status ${status})`, { status });
      }
      return answer.data.data;
    },
  };
}
