// All activities, built from injected dependencies (samples-typescript, activities-dependency-injection).
import type { Db } from '../common/db';
import { createTenantRecordActivities } from './tenant-records';

export interface ActivityDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createTenantRecordActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
