// Loaded by path into the workflow sandbox and the worker (Temporal's `failureConverterPath`):
// failure messages and stack traces travel as an encoded payload, so the payload codec seals
// them like every other payload instead of leaving them in clear in the history.
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
