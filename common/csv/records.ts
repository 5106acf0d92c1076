// An uploaded CSV file as records, each with the line it starts on: UTF-8, comma-separated,
// double-quote escaped, a header line (docs/CONNECTORS.md "CSV files"). Pure: text in, records out.
import { CsvError, parse } from 'csv-parse/sync';

export const csvFileKinds = ['users', 'groups', 'group-mappings'] as const;
export type CsvFileKind = (typeof csvFileKinds)[number];

export const fileNameOf = (kind: CsvFileKind) => `${kind}.csv`;

/**
 * Why a whole file is refused: nothing of it is kept and the latest accepted file stays in use.
 * An empty file would wipe everything; a file Roster cannot split into rows reliably could drop
 * people, who would then be deactivated.
 */
export class CsvFileRefused extends Error {
  constructor(
    readonly code: 'empty_file' | 'invalid_csv',
    message: string,
  ) {
    super(message);
  }
}

export interface CsvRecord {
  /** 1-based line the record starts on (a quoted newline makes it span several). */
  line: number;
  /** Trimmed; an empty cell is undefined. */
  values: (string | undefined)[];
}

export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

export function decodeUtf8(bytes: Uint8Array, file: string): string {
  const notUtf8 = () => new CsvFileRefused('invalid_csv', `${file} is not UTF-8 text: export it as "CSV UTF-8" and upload it again.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8();
  }
  // NUL is valid UTF-8 but in no text file (a UTF-16 export is full of them), and Postgres cannot store it.
  if (text.includes('\0')) throw notUtf8();
  return text;
}

/** The file's header and data records; blank lines (and rows of empty cells) are left out. */
export function readTable(text: string, file: string): CsvTable {
  // csv-parse counts lines reliably on \n alone: CRLF and lone CR line ends become \n first.
  const rows = parseRows(text.replace(/\r\n?/g, '\n'), file);
  const records: CsvRecord[] = [];
  for (const { record, info } of rows) {
    const values = record.map((value) => value.trim() || undefined);
    if (values.every((value) => value === undefined)) continue;
    // info.lines is where the record ends; its quoted newlines say how far back it began.
    const newlines = record.reduce((count, value) => count + value.split('\n').length - 1, 0);
    records.push({ line: info.lines - newlines, values });
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) throw new CsvFileRefused('empty_file', `${file} has no rows below its header: an empty file would remove everyone, so it is refused.`);
  // A value with an unquoted comma shifts every value after it into the wrong column.
  const uneven = data.filter((record) => record.values.length !== header.values.length).map((record) => record.line);
  if (uneven.length > 0) {
    const lines = uneven.length > 5 ? `${uneven.slice(0, 5).join(', ')} and ${uneven.length - 5} more` : uneven.join(', ');
    throw new CsvFileRefused('invalid_csv', `${file} has rows with another number of values than its header's ${header.values.length} (line ${lines}): quote values that contain commas. Nothing of it was kept.`);
  }
  return { header: header.values.map((name) => name ?? ''), records: data };
}

function parseRows(text: string, file: string): { record: string[]; info: { lines: number } }[] {
  try {
    // A stray quote inside an unquoted value (O"Brien) is kept as text, and spaces around a
    // quoted value are ignored; uneven rows are refused below, by the lines they start on.
    const options = { bom: true, info: true, skip_empty_lines: true, relax_quotes: true, trim: true, relax_column_count: true };
    return parse(text, options) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw new CsvFileRefused('invalid_csv', `${file} cannot be split into rows: ${syntaxProblem(error)} Nothing of it was kept.`);
  }
}

/** What went wrong, by position only: csv-parse's own messages quote the file's text. */
function syntaxProblem(error: CsvError): string {
  const line = typeof error.lines === 'number' ? error.lines : undefined;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted value is never closed (the file ends inside it, at line ${line}).`;
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return `a closing quote on line ${line} is followed by more text; write a quote inside a quoted value as two quotes.`;
    default:
      return `${error.code} near line ${line}.`;
  }
}
