/**
 * CSV of a report, through csv-stringify: a header row, RFC 4180 quoting, CRLF
 * line ends (what spreadsheet programs expect). A cell a spreadsheet would run
 * as a formula (starting with `=`, `@`, a tab or a carriage return, or `+`/`-`
 * followed by anything but digits, spaces, dots, parentheses and dashes: phone
 * numbers and negative figures stay as they are, since no function can be
 * spelled with those) is written with a leading `'`, so notes typed by a caller
 * or an agent cannot execute in the reader's spreadsheet.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const NUMBER_LIKE = /^[+-][\d\s().-]*$/;

export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (FORMULA_START.test(text) || (SIGNED.test(text) && !NUMBER_LIKE.test(text))) return `'${text}`;
  return text;
}

export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => safeCell(row[column]))),
    { header: true, columns: columns.map(String), record_delimiter: 'windows' },
  );
}
