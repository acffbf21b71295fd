/** A CSV file as the dashboard uploads it: multipart/form-data, one file in the field `file`. */
export function csvUpload(csv: string | Buffer, field = 'file'): { rawBody: Buffer; contentType: string } {
  const boundary = `csv-${Math.random().toString(36).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="contacts.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    rawBody: Buffer.concat([Buffer.from(head), Buffer.isBuffer(csv) ? csv : Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** `count` distinct valid US numbers from +1 415 <first>: 415-555-0100, 415-555-0101, … (then 415-556-…). */
export function numbers(count: number, first = 5_550_100): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return `+1415${String(n).padStart(7, '0')}`;
  });
}
