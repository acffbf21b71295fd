import { describe, expect, it } from 'vitest';
import { notificationIdOf } from '../../../functions/pytake/notifications/deliver.ts';
import { inQuietHours } from '../../../functions/pytake/notifications/preferences.ts';

const quiet = (start: string, end: string, enabled = true) => ({ quiet_hours_enabled: enabled, quiet_hours_start: start, quiet_hours_end: end });
const utc = (hh: number, mm = 0) => new Date(Date.UTC(2026, 5, 1, hh, mm));

describe('quiet hours', () => {
  it('holds within a same-day span, end excluded', () => {
    expect(inQuietHours(quiet('12:00', '14:00'), utc(12), 'UTC')).toBe(true);
    expect(inQuietHours(quiet('12:00', '14:00'), utc(13, 59), 'UTC')).toBe(true);
    expect(inQuietHours(quiet('12:00', '14:00'), utc(14), 'UTC')).toBe(false);
    expect(inQuietHours(quiet('12:00', '14:00'), utc(11, 59), 'UTC')).toBe(false);
  });

  it('runs overnight when the start is after the end', () => {
    expect(inQuietHours(quiet('22:00', '08:00'), utc(23), 'UTC')).toBe(true);
    expect(inQuietHours(quiet('22:00', '08:00'), utc(3), 'UTC')).toBe(true);
    expect(inQuietHours(quiet('22:00', '08:00'), utc(8), 'UTC')).toBe(false);
    expect(inQuietHours(quiet('22:00', '08:00'), utc(12), 'UTC')).toBe(false);
  });

  it('reads the wall clock in the organization’s timezone (an unknown one counts as UTC), and never when disabled or unset', () => {
    // 01:00 UTC is 22:00 in São Paulo (UTC-3).
    expect(inQuietHours(quiet('22:00', '23:00'), utc(1), 'America/Sao_Paulo')).toBe(true);
    expect(inQuietHours(quiet('22:00', '23:00'), utc(1), 'UTC')).toBe(false);
    expect(inQuietHours(quiet('01:00', '02:00'), utc(1), 'Not/AZone')).toBe(true);
    expect(inQuietHours(quiet('00:00', '23:59', false), utc(1), 'UTC')).toBe(false);
    expect(inQuietHours({ quiet_hours_enabled: true, quiet_hours_start: null, quiet_hours_end: '08:00' }, utc(1), 'UTC')).toBe(false);
  });
});

describe('notification ids', () => {
  it('are UUIDs, the same for the same event and user, different otherwise', () => {
    const id = notificationIdOf('assigned:c1:a1:t', 'u1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(notificationIdOf('assigned:c1:a1:t', 'u1')).toBe(id);
    expect(notificationIdOf('assigned:c1:a1:t', 'u2')).not.toBe(id);
    expect(notificationIdOf('closed:c1:t', 'u1')).not.toBe(id);
  });
});
