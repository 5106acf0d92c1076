// HR systems read in one call (Worknice's query, BambooHR's report, the CSV files) yield one page,
// so a cursor can only say that the page was stored: a read resumed from it has nothing left.
import { isDeepStrictEqual } from 'node:util';
import { ConnectorError } from '../http/errors';
import type { DirectoryCursor } from './connector';

export interface OneCallRead {
  /** The cursor of the one page. */
  done: DirectoryCursor;
  /** True when a read resumes after its one page; a cursor another connector made is refused. */
  resumed(cursor: DirectoryCursor | undefined): boolean;
}

export function oneCallRead(provider: string, done: DirectoryCursor): OneCallRead {
  return {
    done,
    resumed(cursor) {
      if (cursor === undefined) return false;
      if (!isDeepStrictEqual(cursor, done)) throw new ConnectorError('invalid_request', `The directory cursor was not made by the ${provider} connector`);
      return true;
    },
  };
}
