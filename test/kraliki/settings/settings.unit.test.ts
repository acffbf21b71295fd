/** Kraliki settings' pure parts: E.164 normalisation and business hours. */
import { describe, expect, it } from 'vitest';
import { isOpenAt } from '../../../functions/kraliki/settings/business-hours.ts';
import { toE164 } from '../../../functions/kraliki/settings/phone-numbers.ts';

describe('toE164', () => {
  it('normalises international numbers and refuses the rest', () => {
    expect(toE164('+1 (415) 555-2671')).toBe('+14155552671');
    expect(toE164('+420 601 123 456')).toBe('+420601123456');
    expect(toE164('415 555 2671')).toBeUndefined();
    expect(toE164('+1 415')).toBeUndefined();
    expect(toE164('+999 12345678')).toBeUndefined();
    expect(toE164('')).toBeUndefined();
  });
});

describe('isOpenAt', () => {
  const hours = { timezone: 'Europe/Prague', days: { monday: { open: '09:00', close: '17:00' }, tuesday: null } };

  it('answers by the local time of the hours’ time zone, closing time excluded', () => {
    // Monday 2026-01-05: Prague is UTC+1 in winter.
    expect(isOpenAt(hours, new Date('2026-01-05T08:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2026-01-05T07:59:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-01-05T16:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-01-06T10:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, new Date('2026-01-07T10:00:00Z'))).toBe(false);
  });

  it('is always open without hours', () => {
    expect(isOpenAt(null, new Date())).toBe(true);
  });
});
