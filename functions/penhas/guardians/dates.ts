/**
 * Dates as the original showed them: wall-clock time in Brazil (where its
 * database ran), `2026-05-14T09:30:00` without a zone, `2026/05/14` in the
 * list's notes and `14/05/2026` in messages.
 */
const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Sao_Paulo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(iso: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out: Record<string, string> = {};
  for (const { type, value } of parts.formatToParts(new Date(iso))) out[type] = value;
  return out as ReturnType<typeof fields>;
}

export function dateTime(iso: string): string {
  const f = fields(iso);
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}`;
}

export function yearMonthDay(iso: string): string {
  const f = fields(iso);
  return `${f.year}/${f.month}/${f.day}`;
}

export function dayMonthYear(iso: string): string {
  const f = fields(iso);
  return `${f.day}/${f.month}/${f.year}`;
}
