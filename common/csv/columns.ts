// Which column of a file holds which field. Header names are compared ignoring case, spaces, `_`
// and `-`, so "First Name", "first_name" and "firstName" are one column.
import { CsvFileRefused, type CsvRecord } from './records';

export const headerKey = (name: string) => name.normalize('NFC').toLowerCase().replace(/[\s_-]+/g, '');

export interface Columns<F extends string> {
  /** The column of each known field the header has. */
  at: ReadonlyMap<F, number>;
  /** Every other named column, by position. */
  others: { index: number; name: string }[];
}

/** `known` maps header keys (headerKey) to fields; two columns for one field refuse the file. */
export function columnsOf<F extends string>(header: readonly string[], known: Readonly<Record<string, F>>, file: string): Columns<F> {
  const at = new Map<F, number>();
  const others: Columns<F>['others'] = [];
  header.forEach((name, index) => {
    const key = headerKey(name);
    const field = Object.hasOwn(known, key) ? known[key] : undefined;
    if (field === undefined) {
      if (key !== '') others.push({ index, name: name.trim() });
      return;
    }
    const earlier = at.get(field);
    if (earlier !== undefined) throw new CsvFileRefused('invalid_csv', `${file} has two columns for ${field} (columns ${earlier + 1} and ${index + 1}): keep one. Nothing of it was kept.`);
    at.set(field, index);
  });
  return { at, others };
}

/** Refuses a file without a column it cannot do without. */
export function requireColumn<F extends string>(columns: Columns<F>, field: F, header: string, file: string, why: string): void {
  if (!columns.at.has(field)) throw new CsvFileRefused('invalid_csv', `${file} has no ${header} column: ${why}. Nothing of it was kept.`);
}

/** The record's value for a field; undefined when the column is missing or the cell empty. */
export function valueOf<F extends string>(columns: Columns<F>, record: CsvRecord, field: F): string | undefined {
  const index = columns.at.get(field);
  return index === undefined ? undefined : record.values[index];
}
