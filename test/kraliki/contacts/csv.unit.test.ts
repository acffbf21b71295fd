/** Reading a contacts CSV: RFC 4180 through csv-parse, numbers in E.164, one row's problems never the file's. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { MAX_ROWS, readContactsCsv } from '../../../functions/kraliki/contacts/csv.ts';
import { importedContactId } from '../../../functions/kraliki/contacts/import.ts';

const invalidFile = (input: string) => {
  try {
    readContactsCsv(input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).kind;
  }
  throw new Error('accepted');
};

describe('readContactsCsv', () => {
  it('reads quoted fields, embedded commas, quotes and line breaks, CRLF and a BOM', () => {
    const csv =
      '\uFEFFPhone_Number,Name,email,notes\r\n"+1 415 555 0100","Doe, Jane",jane@example.com,"said ""call later""\r\nafter 5"\r\n+420 601 123 456,Petr,,\r\n';
    expect(readContactsCsv(csv)).toEqual([
      { line: 2, contact: { line: 2, phone_number: '+14155550100', name: 'Doe, Jane', email: 'jane@example.com', notes: 'said "call later"\r\nafter 5' } },
      { line: 3, contact: { line: 3, phone_number: '+420601123456', name: 'Petr', email: null, notes: null } },
    ]);
  });

  it('takes the columns in any order, ignores unknown ones and skips empty lines', () => {
    const entries = readContactsCsv('notes,extra,phone_number\nhello,x,+14155550101\n\n,,+14155550102\n');
    expect(entries.map((entry) => entry.contact?.phone_number)).toEqual(['+14155550101', '+14155550102']);
    expect(entries[0].contact?.notes).toBe('hello');
  });

  it('fails rows with a missing or invalid number, a bad e-mail or a field too long, naming their row', () => {
    const entries = readContactsCsv(`phone_number,name,email\n,Ann\n12345,Bob\n+1 415 555 0103,Cid,not-an-email\n+14155550104,${'x'.repeat(256)}\n`);
    expect(entries.map((entry) => entry.error)).toEqual([
      'Row 2: phone_number is missing',
      'Row 3: phone_number is not a valid international number',
      'Row 4: email is not a valid e-mail address',
      'Row 5: name is longer than 255 characters',
    ]);
  });

  it('keeps the first row of a number and fails its later rows, whatever their formatting', () => {
    const entries = readContactsCsv('phone_number,name\n+14155550105,First\n+1 (415) 555-0105,Second\n+14155550106,Other\n');
    expect(entries.map((entry) => entry.contact?.name ?? entry.error)).toEqual(['First', 'Row 3: duplicate phone_number (first in row 2)', 'Other']);
  });

  it('refuses a file without a phone_number column, an empty file, a malformed one, or too many rows (422)', () => {
    expect(invalidFile('name,email\nAnn,a@example.com\n')).toBe('invalid');
    expect(invalidFile('')).toBe('invalid');
    expect(invalidFile('phone_number,name\n"+14155550107,unterminated\n')).toBe('invalid');
    expect(invalidFile(`phone_number\n${'+14155550108\n'.repeat(MAX_ROWS + 1)}`)).toBe('invalid');
  });

  it('answers every row of any file of well-formed rows, errors or contacts, in order', () => {
    const cell = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell), { maxLength: 30 }), (rows) => {
        const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
        const csv = `phone_number,name\n${rows.map(([phone, name]) => `${quote(phone)},${quote(name)}`).join('\n')}`;
        const entries = readContactsCsv(csv);
        const lines = entries.map((entry) => entry.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        for (const entry of entries) if (entry.contact) expect(entry.contact.phone_number).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });
});

describe('importedContactId', () => {
  it('is a UUID, the same for the same job and line, different otherwise', () => {
    const id = importedContactId('job-1', 7);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(importedContactId('job-1', 7)).toBe(id);
    expect(importedContactId('job-1', 8)).not.toBe(id);
    expect(importedContactId('job-2', 7)).not.toBe(id);
  });
});
