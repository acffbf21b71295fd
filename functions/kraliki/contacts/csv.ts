/**
 * A contacts CSV as the bulk import reads it: RFC 4180 (parsed by csv-parse;
 * quoted fields, embedded commas, quotes and line breaks, CRLF or LF, a UTF-8
 * BOM), a header row naming `phone_number` and optionally `name`, `email`,
 * `notes` in any order and case (other columns are ignored). Each data row
 * becomes a contact with its number in E.164, or an error naming its row:
 * a number that is not a valid international one, a field too long, or a
 * number an earlier row of the file already has (the first is kept). Pure, so
 * the request and the queue consumer read a file identically.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { invalid } from '#shared/errors';
import { toE164 } from '../settings/phone-numbers.ts';

export interface CsvContact {
  line: number;
  phone_number: string;
  name: string | null;
  email: string | null;
  notes: string | null;
}

export type CsvEntry = { line: number; contact: CsvContact; error?: undefined } | { line: number; error: string; contact?: undefined };

/** More data rows than this are refused whole (422): an import stays a bounded job. */
export const MAX_ROWS = 50_000;

const LIMITS = { name: 255, email: 255, notes: 2000 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fileProblem = (message: string) => invalid([{ field: 'file', reason: 'invalid_csv', message }], message);

export function readContactsCsv(input: Uint8Array | string): CsvEntry[] {
  let records: string[][];
  try {
    records = parse(typeof input === 'string' ? input : Buffer.from(input), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: 64 * 1024,
    });
  } catch (error) {
    if (error instanceof CsvError) throw fileProblem(`Not a valid CSV file (line ${error.lines ?? '?'}): ${error.code}`);
    throw error;
  }
  if (records.length === 0) throw fileProblem('The CSV file is empty: it needs a header row with phone_number');
  const header = records[0].map((name) => name.trim().toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const columns = { phone_number: column('phone_number'), name: column('name'), email: column('email'), notes: column('notes') };
  if (columns.phone_number < 0) throw fileProblem('The CSV header has no phone_number column');
  if (records.length - 1 > MAX_ROWS) throw fileProblem(`The CSV file has more than ${MAX_ROWS} rows`);

  const firstLineOf = new Map<string, number>();
  // Rows are numbered as a spreadsheet shows them: the header is row 1, a field's line breaks stay in its row.
  return records.slice(1).map((record, index): CsvEntry => {
    const line = index + 2;
    const field = (index: number) => (index >= 0 ? (record[index] ?? '').trim() : '');
    const optional = (index: number) => field(index) || null;
    const raw = field(columns.phone_number);
    if (!raw) return { line, error: `Row ${line}: phone_number is missing` };
    const phone = toE164(raw);
    if (!phone) return { line, error: `Row ${line}: phone_number is not a valid international number` };
    const contact: CsvContact = { line, phone_number: phone, name: optional(columns.name), email: optional(columns.email), notes: optional(columns.notes) };
    for (const name of ['name', 'email', 'notes'] as const) {
      if ((contact[name]?.length ?? 0) > LIMITS[name]) return { line, error: `Row ${line}: ${name} is longer than ${LIMITS[name]} characters` };
    }
    if (contact.email && !EMAIL.test(contact.email)) return { line, error: `Row ${line}: email is not a valid e-mail address` };
    const first = firstLineOf.get(phone);
    if (first !== undefined) return { line, error: `Row ${line}: duplicate phone_number (first in row ${first})` };
    firstLineOf.set(phone, line);
    return { line, contact };
  });
}
