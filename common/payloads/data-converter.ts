// The one data converter of every Temporal client, worker, workflow bundle and replay in Roster.
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import type { Keyring } from '../secrets';
import { PayloadEncryptionCodec, payloadKeys } from './codec';

export const failureConverterPath = fileURLToPath(new URL('./failure-converter.ts', import.meta.url));

export function dataConverter(keyring: Keyring): DataConverter {
  return { failureConverterPath, payloadCodecs: [new PayloadEncryptionCodec(payloadKeys(keyring))] };
}
