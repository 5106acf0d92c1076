// The typed failures of every outside API (HR systems, the platform). Messages name the service,
// the method, the path without its query, the status and vendor codes, never people's data, so
// that they may enter workflow history.
export const connectorErrorCodes = [
  'credentials_rejected',
  'insufficient_scope',
  'misconfigured',
  'not_found',
  'rate_limited',
  'transient',
  'conflict',
  'invalid_request',
  'invalid_response',
  'partial_directory',
] as const;
export type ConnectorErrorCode = (typeof connectorErrorCodes)[number];

/** Codes worth trying again later: the service may answer next time. */
const retryable: ReadonlySet<ConnectorErrorCode> = new Set(['rate_limited', 'transient']);

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; vendorCode?: string } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return retryable.has(this.code);
  }
}

export function isConnectorError(error: unknown, code?: ConnectorErrorCode): error is ConnectorError {
  return error instanceof ConnectorError && (code === undefined || error.code === code);
}
