// Reads a whole directory as a sync run would: pages of a later scan replace those of earlier ones.
import type { DirectoryPage, HrisConnector, ReadOptions } from '../../../activities/hris/connector';

export async function readDirectory(connector: HrisConnector, options: ReadOptions) {
  const pages: DirectoryPage[] = [];
  for await (const page of connector.readDirectory(options)) pages.push(page);
  const scan = pages.at(-1)?.scan ?? 0;
  return { pages, scan, employees: pages.filter((p) => p.scan === scan).flatMap((p) => p.employees) };
}

/** The first page only, as an activity that crashed after heartbeating it would have seen. */
export async function firstPage(connector: HrisConnector, options: ReadOptions): Promise<DirectoryPage> {
  for await (const page of connector.readDirectory(options)) return page;
  throw new Error('the directory yielded no page');
}

export async function failure(promise: Promise<unknown>) {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error & { code?: string },
  );
}
