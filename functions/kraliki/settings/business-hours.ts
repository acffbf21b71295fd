/**
 * An organization's business hours: a time zone and, per weekday, the opening
 * and closing time (`HH:MM`, 24-hour, closing after opening); a day left out
 * or null is closed. `isOpenAt` answers whether a moment falls inside them, for
 * features that must respect them (outbound dialing, IVR routing); settings
 * without business hours mean open at all times.
 */
import * as z from 'zod/mini';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const time = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/));
const opening = z.object({ open: time, close: time }).check(z.refine((day) => day.open < day.close, { message: 'close must be after open', path: ['close'] }));

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const businessHoursSchema = z.object({
  timezone: z.string().check(z.maxLength(64), z.refine(isTimeZone, { message: 'unknown time zone' })),
  days: z.partialRecord(z.enum(WEEKDAYS), z.nullable(opening)),
});
export type BusinessHours = z.infer<typeof businessHoursSchema>;

/** Whether `at` falls within the business hours (null: no hours set, always open). */
export function isOpenAt(hours: BusinessHours | null | undefined, at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: hours.timezone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = hours.days[part('weekday').toLowerCase() as Weekday];
  if (!day) return false;
  const now = `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}`;
  return now >= day.open && now < day.close;
}
