/**
 * The dialer's pure rules: the next opening of business hours from a moved
 * clock (zones with daylight saving and half-hour offsets, closed days, a
 * schedule that never opens), and the pacing slots.
 */
import { describe, expect, it } from 'vitest';
import { nextOpening } from '../../../functions/kraliki/campaigns/dialer-hours.ts';
import { nextSlot } from '../../../functions/kraliki/campaigns/dialer-pacing.ts';

const weekdays = {
  monday: { open: '09:00', close: '17:00' },
  tuesday: { open: '09:00', close: '17:00' },
  wednesday: { open: '09:00', close: '17:00' },
  thursday: { open: '09:00', close: '17:00' },
  friday: { open: '09:00', close: '17:00' },
};

describe('nextOpening', () => {
  it('answers the moment itself inside the hours, and when no hours are set', () => {
    const at = new Date('2026-03-04T15:00:00Z'); // Wednesday 10:00 in New York (EST)
    expect(nextOpening({ timezone: 'America/New_York', days: weekdays }, at)).toEqual(at);
    expect(nextOpening(null, at)).toEqual(at);
  });

  it('before the opening of the day: the opening, in the organization’s time zone', () => {
    // Wednesday 07:30 in New York.
    expect(nextOpening({ timezone: 'America/New_York', days: weekdays }, new Date('2026-03-04T12:30:00Z'))?.toISOString()).toBe('2026-03-04T14:00:00.000Z');
  });

  it('after closing on a Friday: Monday’s opening, across the weekend', () => {
    // Friday 18:05 EST → Monday 09:00 EDT: daylight saving began on Sunday 8 March 2026 (UTC-4 from then).
    expect(nextOpening({ timezone: 'America/New_York', days: weekdays }, new Date('2026-03-06T23:05:00Z'))?.toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('in a half-hour zone, to the minute', () => {
    // Kolkata is UTC+05:30: 08:10 local → 09:00 local = 03:30 UTC.
    expect(nextOpening({ timezone: 'Asia/Kolkata', days: weekdays }, new Date('2026-03-04T02:40:00Z'))?.toISOString()).toBe('2026-03-04T03:30:00.000Z');
  });

  it('at midnight when a day opens at 00:00', () => {
    const hours = { timezone: 'Europe/Prague', days: { thursday: { open: '00:00', close: '06:00' } } };
    // Wednesday 23:30 in Prague (UTC+1) → Thursday 00:00 = Wednesday 23:00 UTC.
    expect(nextOpening(hours, new Date('2026-03-04T22:30:00Z'))?.toISOString()).toBe('2026-03-04T23:00:00.000Z');
  });

  it('answers nothing for hours that never open', () => {
    expect(nextOpening({ timezone: 'UTC', days: {} }, new Date('2026-03-04T12:00:00Z'))).toBeUndefined();
  });
});

describe('nextSlot', () => {
  it('spaces reservations by 1000 / rate ms, from now when the bucket is idle', () => {
    const first = nextSlot(undefined, 10_000, 1);
    expect(first).toEqual({ at: 10_000, next: 11_000 });
    const second = nextSlot(first.next, 10_050, 1);
    expect(second).toEqual({ at: 11_000, next: 12_000 });
    expect(nextSlot(second.next, 20_000, 2)).toEqual({ at: 20_000, next: 20_500 });
  });
});
