/**
 * UTC periods of the analytics counters and of the answers. Counters are kept
 * per hour and per day (`YYYY-MM-DDTHH`, `YYYY-MM-DD`: fixed width, so key order
 * is time order); answers group them by hour, day, ISO week or month, labelled
 * as the reference labelled them (`2026-12-02 05:00`, `2026-12-02`, `2026-W49`,
 * `2026-12`). The reference's week label used the calendar year and an unpadded
 * week number, so late-December days could share a label with January's; here
 * the ISO week-numbering year and two digits are used.
 */
export const GROUPINGS = ['hour', 'day', 'week', 'month'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);
export const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

/** The ISO week (`YYYY-Www`) of a UTC day `YYYY-MM-DD`. */
export function isoWeekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7;
  // The Thursday of the date's week decides its year.
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The label of the period a counter's period (an hour or a day) falls in. */
export function labelOf(counterPeriod: string, grouping: Grouping): string {
  switch (grouping) {
    case 'hour':
      return `${counterPeriod.slice(0, 10)} ${counterPeriod.slice(11, 13)}:00`;
    case 'day':
      return counterPeriod.slice(0, 10);
    case 'week':
      return isoWeekOf(counterPeriod.slice(0, 10));
    case 'month':
      return counterPeriod.slice(0, 7);
  }
}
