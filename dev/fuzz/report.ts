// Reads what Schemathesis recorded (its NDJSON event stream: every request, its answer and the
// checks run on it) into the fuzz's summary, and judges it against the targets: no 5xx, no answer
// that breaks the published document, no hang, no answer slower than 5 s.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export const MAX_RESPONSE_SECONDS = 5;

/** The checks whose failure means an answer the document does not describe. */
export const DOCUMENT_CHECKS = ['response_schema_conformance', 'status_code_conformance', 'content_type_conformance', 'response_headers_conformance'] as const;
export const CHECKS = ['not_a_server_error', ...DOCUMENT_CHECKS] as const;

/** One failed request, enough to reproduce it: the request, the answer and what was wrong. */
export interface Finding {
  check: string;
  request: string;
  status?: number;
  answer?: string;
  why?: string;
}

export interface FuzzSummary {
  requests: number;
  requestsByPhase: Record<string, number>;
  serverErrors: number;
  /** Answers that fail a document check (schema, status code, content type, headers). */
  documentBreaks: number;
  /** Answers slower than MAX_RESPONSE_SECONDS. */
  slowAnswers: number;
  /** Requests that got no answer: timed out, or the connection was cut. */
  hangs: number;
  /** Errors of the fuzzer itself (not about an answer): part of the run did not happen. */
  fuzzerErrors: number;
  slowest?: { seconds: number; request: string; status: number };
  /** The first few failures of each check, with the fuzzer's errors. */
  findings: Finding[];
}

/** What the targets require of a run. */
export function missedTargets(summary: FuzzSummary, minRequests: number): string[] {
  return [
    ...(summary.requests < minRequests ? [`${summary.requests} requests sent, fewer than the ${minRequests} required`] : []),
    ...(summary.serverErrors > 0 ? [`${summary.serverErrors} answers were 5xx`] : []),
    ...(summary.documentBreaks > 0 ? [`${summary.documentBreaks} answers break the published document`] : []),
    ...(summary.slowAnswers > 0 ? [`${summary.slowAnswers} answers took over ${MAX_RESPONSE_SECONDS} s`] : []),
    ...(summary.hangs > 0 ? [`${summary.hangs} requests got no answer`] : []),
    ...(summary.fuzzerErrors > 0 ? [`Schemathesis itself failed ${summary.fuzzerErrors} times, so part of the run did not happen`] : []),
  ];
}

// The recorded shapes this reads (Schemathesis's engine events, as its NDJSON report writes them).
interface Recorded {
  request: { method: string; uri: string };
  response: { status_code: number; elapsed: number; content?: { $base64?: string } } | null;
}
interface CheckNode {
  name: string;
  status: string;
  failure_info?: { failure?: { title?: string; message?: string } } | null;
}
interface ErrorEvent {
  label?: string;
  value?: { type: string; message: string };
}
interface Scenario {
  phase: string;
  recorder: { interactions?: Record<string, Recorded>; checks?: Record<string, CheckNode[]> };
}

const FINDINGS_PER_CHECK = 3;
const NETWORK_ERROR = /Timeout|Connection/;
const answerText = (response: Recorded['response']) => (response?.content?.$base64 ? Buffer.from(response.content.$base64, 'base64').toString('utf8').slice(0, 500) : undefined);
const requestLine = ({ request }: Recorded) => `${request.method} ${request.uri}`;

export async function readReport(ndjsonFile: string): Promise<FuzzSummary> {
  const summary: FuzzSummary = { requests: 0, requestsByPhase: {}, serverErrors: 0, documentBreaks: 0, slowAnswers: 0, hangs: 0, fuzzerErrors: 0, findings: [] };
  const findingsOf = new Map<string, number>();
  const find = (finding: Finding) => {
    const count = findingsOf.get(finding.check) ?? 0;
    findingsOf.set(finding.check, count + 1);
    if (count < FINDINGS_PER_CHECK) summary.findings.push(finding);
  };

  for await (const line of createInterface({ input: createReadStream(ndjsonFile), crlfDelay: Infinity })) {
    if (!line) continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    const [kind, body] = Object.entries(event)[0]!;
    if (kind === 'NonFatalError' || kind === 'FatalError') {
      const { label = '', value } = body as ErrorEvent;
      // A timeout or a cut connection is recorded with its request too, as a hang; anything else is the fuzzer's own.
      if (!NETWORK_ERROR.test(value?.type ?? '')) {
        summary.fuzzerErrors += 1;
        find({ check: 'fuzzer_error', request: label, why: `${value?.type}: ${value?.message}` });
      }
      continue;
    }
    if (kind !== 'ScenarioFinished') continue;
    const { phase, recorder } = body as Scenario;
    for (const [caseId, recorded] of Object.entries(recorder.interactions ?? {})) {
      summary.requests += 1;
      summary.requestsByPhase[phase] = (summary.requestsByPhase[phase] ?? 0) + 1;
      const { response } = recorded;
      if (!response) {
        summary.hangs += 1;
        find({ check: 'no_answer', request: requestLine(recorded) });
        continue;
      }
      if (response.status_code >= 500) summary.serverErrors += 1;
      if (response.elapsed > MAX_RESPONSE_SECONDS) summary.slowAnswers += 1;
      if (!summary.slowest || response.elapsed > summary.slowest.seconds) summary.slowest = { seconds: response.elapsed, request: requestLine(recorded), status: response.status_code };
      const failed = (recorder.checks?.[caseId] ?? []).filter((check) => check.status === 'failure');
      if (failed.some((check) => (DOCUMENT_CHECKS as readonly string[]).includes(check.name))) summary.documentBreaks += 1;
      for (const check of failed) {
        const { title, message } = check.failure_info?.failure ?? {};
        find({ check: check.name, request: requestLine(recorded), status: response.status_code, answer: answerText(response), why: [title, message].filter(Boolean).join(': ') });
      }
    }
  }
  return summary;
}

export function printSummary(summary: FuzzSummary, missed: readonly string[], say: (line: string) => void): void {
  const phases = Object.entries(summary.requestsByPhase).map(([phase, count]) => `${phase} ${count}`).join(', ');
  say(`Requests sent:        ${summary.requests} (${phases})`);
  say(`5xx answers:          ${summary.serverErrors}`);
  say(`Document breaks:      ${summary.documentBreaks} (schema, status code, content type or headers not as documented)`);
  say(`Requests unanswered:  ${summary.hangs}`);
  say(`Fuzzer errors:        ${summary.fuzzerErrors}`);
  say(`Slowest answer:       ${summary.slowest ? `${summary.slowest.seconds.toFixed(3)} s, ${summary.slowest.status} to ${summary.slowest.request}` : 'none'}`);
  say(`Answers over ${MAX_RESPONSE_SECONDS} s:     ${summary.slowAnswers}`);
  for (const finding of summary.findings) {
    say(`  [${finding.check}] ${finding.request}${finding.status ? ` → ${finding.status}` : ''}`);
    if (finding.why) say(`      why: ${finding.why.replace(/\s+/g, ' ')}`);
    if (finding.answer) say(`      answer: ${finding.answer.replace(/\s+/g, ' ')}`);
  }
  say(missed.length === 0 ? 'Every target met.' : `Targets missed: ${missed.join('; ')}.`);
}
