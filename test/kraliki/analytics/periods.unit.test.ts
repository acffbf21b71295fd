/** The analytics periods: counters' hours and days, and the labels answers group them under. */
import { describe, expect, it } from 'vitest';
import { dayOf, hourOf, isoWeekOf, labelOf } from '../../../functions/kraliki/analytics/periods.ts';

describe('isoWeekOf', () => {
  it('numbers weeks by ISO 8601: Monday first, the week of the year’s first Thursday is week 1', () => {
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
    expect(isoWeekOf('2026-12-02')).toBe('2026-W49');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2023-01-01')).toBe('2022-W52');
    expect(isoWeekOf('2023-01-02')).toBe('2023-W01');
  });
});

describe('periods and labels', () => {
  it('cuts UTC hours and days of fixed width, so key order is time order', () => {
    const at = new Date('2026-03-09T07:45:12.345Z');
    expect(hourOf(at)).toBe('2026-03-09T07');
    expect(dayOf(at)).toBe('2026-03-09');
  });

  it('labels a counter’s period as the reference did, by hour, day, week or month', () => {
    expect(labelOf('2026-03-09T07', 'hour')).toBe('2026-03-09 07:00');
    expect(labelOf('2026-03-09T07', 'day')).toBe('2026-03-09');
    expect(labelOf('2026-03-09', 'day')).toBe('2026-03-09');
    expect(labelOf('2026-03-09', 'week')).toBe('2026-W11');
    expect(labelOf('2026-03-09', 'month')).toBe('2026-03');
  });
});
