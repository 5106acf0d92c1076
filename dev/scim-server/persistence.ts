// Write-through JSON persistence for the demo platform in `npm start`, so that its accounts
// survive restarts. Every change rewrites the file (atomically): fine at demo sizes, not at 100,000.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DirectorySnapshot } from './directory';

export interface ScimPersistence {
  load(tenantId: string): DirectorySnapshot | undefined;
  save(snapshots: Record<string, DirectorySnapshot>): void;
}

export function filePersistence(file: string): ScimPersistence {
  const saved: Record<string, DirectorySnapshot> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).tenants : {};
  return {
    load: (tenantId) => saved[tenantId],
    save(snapshots) {
      Object.assign(saved, snapshots);
      writeFileSync(`${file}.tmp`, JSON.stringify({ tenants: saved }));
      renameSync(`${file}.tmp`, file);
    },
  };
}
