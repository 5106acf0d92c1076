// Recording the histories that test/replay/replay.test.ts replays.
//
// The histories are recorded from inside the tests that produce the runs, and only when asked:
//
//   RECORD_HISTORIES=1 npx vitest run test/reliability
//
// rewrites test/replay/histories/*.json from the runs of those tests on the real stack. Without
// the variable nothing is written. When to re-record: docs/TEMPORAL.md "Patching". Before a file
// is written its history is scanned: it must hold no secret (the tests' secrets all start with
// SECRET_PREFIX) and no person's name or e-mail.
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Client } from '@temporalio/client';
import proto from '@temporalio/proto';
import { ENCRYPTED_ENCODING, PayloadEncryptionCodec, payloadKeys } from '../../common/payloads/codec';
import { createKeyring } from '../../common/secrets';
import { encryptionKey } from '../support/stack';
import { historiesDir } from './committed-histories';

const { History } = proto.temporal.api.history.v1;
type History = proto.temporal.api.history.v1.IHistory;

/**
 * The files hold protobufjs's JSON form of temporal.api.history.v1.History: field names in
 * camelCase, enums by name, 64-bit integers as strings, bytes (payloads) as base64, timestamps
 * and durations as {seconds, nanos}. (The SDK's own historyToJSON / historyFromJSON fail in this
 * install with "type must be a Type": @temporalio/common and @temporalio/proto each carry their
 * own copy of protobufjs 8, and its protojson extension checks `instanceof Type` across them.)
 */
export function historyToJson(history: History): string {
  return JSON.stringify(History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String, json: true }), null, 1);
}

export const recording = process.env.RECORD_HISTORIES === '1';
const codec = new PayloadEncryptionCodec(payloadKeys(createKeyring(encryptionKey)));

/** Every secret a recording test makes starts with this, so a committed history can be checked for any. */
export const SECRET_PREFIX = 'roster-test-secret-';
export const testSecret = (what: string) => `${SECRET_PREFIX}${what}-${randomBytes(12).toString('hex')}`;

/** A payload as the JSON form holds it: metadata values and data in base64. */
interface JsonPayload {
  metadata: Record<string, string>;
  data?: string;
}

const encrypted = Buffer.from(ENCRYPTED_ENCODING).toString('base64');
const isEncrypted = (value: unknown): value is JsonPayload => typeof value === 'object' && value !== null && (value as JsonPayload).metadata?.encoding === encrypted;

/**
 * The history with every payload the test run's key sealed opened again: the run's key is random
 * (test/global-setup.ts), and a committed history must replay under any key, as a history from
 * before encryption does (Roster's codec passes clear payloads through).
 */
async function decrypted(node: unknown): Promise<unknown> {
  if (Array.isArray(node)) return Promise.all(node.map(decrypted));
  if (typeof node !== 'object' || node === null) return node;
  if (isEncrypted(node)) {
    const bytes = (text: string | undefined) => Buffer.from(text ?? '', 'base64');
    const [clear] = await codec.decode([{ metadata: Object.fromEntries(Object.entries(node.metadata).map(([key, value]) => [key, bytes(value)])), data: bytes(node.data) }]);
    const base64 = (value: Uint8Array | null | undefined) => Buffer.from(value ?? []).toString('base64');
    return { metadata: Object.fromEntries(Object.entries(clear!.metadata ?? {}).map(([key, value]) => [key, base64(value)])), data: base64(clear!.data) };
  }
  const entries = await Promise.all(Object.entries(node).map(async ([key, value]) => [key, await decrypted(value)] as const));
  return Object.fromEntries(entries);
}

/** The workflow's first run: the one every later run continued as new from. */
export async function firstRunId(client: Client, workflowId: string): Promise<string> {
  const description = await client.workflow.getHandle(workflowId).describe();
  return description.raw.workflowExecutionInfo?.firstRunId || description.runId;
}

/**
 * Writes one run's history as `histories/<name>.json` when RECORD_HISTORIES=1: the current run,
 * a given run id, or the `first`. `forbidden`: the strings it must not contain (people's names
 * and e-mails, secrets); recording refuses otherwise.
 */
export async function recordHistory(client: Client, name: string, workflowId: string, run: string | undefined, forbidden: string[]): Promise<boolean> {
  if (!recording) return false;
  const runId = run === 'first' ? await firstRunId(client, workflowId) : run;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const json = JSON.stringify(await decrypted(JSON.parse(historyToJson(history))), null, 1);
  const decoded = json.replace(/"data": "([A-Za-z0-9+/=]*)"/g, (_match, base64: string) => Buffer.from(base64, 'base64').toString('utf8'));
  const found = [SECRET_PREFIX, ...forbidden].filter((term) => decoded.toLowerCase().includes(term.toLowerCase()));
  if (found.length > 0) throw new Error(`Refusing to record ${name}: its history contains ${found.join(', ')}`);
  mkdirSync(historiesDir, { recursive: true });
  writeFileSync(`${historiesDir}${name}.json`, json + '\n');
  return true;
}
