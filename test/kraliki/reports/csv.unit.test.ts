/** Writing a report's CSV: csv-stringify's quoting read back by csv-parse, and cells a spreadsheet would run defused. */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCell, toCsv } from '../../../functions/kraliki/reports/csv.ts';

describe('safeCell', () => {
  it('prefixes a quote to cells starting as a formula', () => {
    for (const cell of ['=1+1', '@SUM(A1)', '+cmd|x', '-2+3*A1', '\t=1', '\r=1']) expect(safeCell(cell)).toBe(`'${cell}`);
  });

  it('leaves phone numbers, negative figures and plain text as they are', () => {
    for (const cell of ['+14155552671', '+1 (415) 555-2671', '-12.5', 'sale, "big"', 'COMPLETED', '']) expect(safeCell(cell)).toBe(cell);
    expect(safeCell(42)).toBe('42');
    expect(safeCell(true)).toBe('true');
    expect(safeCell(null)).toBe('');
    expect(safeCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header row and CRLF line ends', () => {
    expect(toCsv(['a', 'b'], [{ a: 1, b: 'x' }])).toBe('a,b\r\n1,x\r\n');
    expect(toCsv(['a', 'b'], [])).toBe('a,b\r\n');
  });

  it('reads back, through csv-parse, every row it wrote (commas, quotes, line breaks included), formulas defused', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.uuid(), note: fc.string(), count: fc.integer() }), { maxLength: 20 }), (rows) => {
        const read = parse(toCsv(['id', 'note', 'count'], rows), { columns: true }) as Record<string, string>[];
        expect(read).toEqual(rows.map((row) => ({ id: row.id, note: safeCell(row.note), count: String(row.count) })));
      }),
    );
  });
});
