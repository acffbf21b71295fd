/**
 * When a contact may be dialed: inside the organization's business hours
 * (settings/business-hours.ts), in its time zone. Outside them a dial waits for
 * the next opening, found here without knowing the zone's offsets: whole
 * minutes are walked forward (openings are `HH:MM`), an hour at a time or
 * straight to the day's opening, with one formatter per zone, so
 * daylight-saving changes fall out of the platform's time-zone data.
 */
import { type BusinessHours, isOpenAt, type Weekday } from '../settings/business-hours.ts';

const MINUTE_MS = 60_000;
/** A week and a day: any weekly schedule opens within it, or never does. */
const HORIZON_MS = 8 * 24 * 60 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (zone: string) => {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, formatter);
  }
  return formatter;
};

function localTime(zone: string, at: number): { day: Weekday; time: string } {
  const parts = formatterOf(zone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: part('weekday').toLowerCase() as Weekday, time: `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}` };
}

/**
 * The first moment at or after `at` inside the business hours: `at` itself when open
 * (or when no hours are set), undefined when the hours never open.
 */
export function nextOpening(hours: BusinessHours | null | undefined, at: Date): Date | undefined {
  if (isOpenAt(hours, at)) return at;
  if (!hours) return at;
  // Openings fall on whole minutes: start from the next one.
  let t = Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS;
  const end = at.getTime() + HORIZON_MS;
  while (t <= end) {
    const local = localTime(hours.timezone, t);
    const day = hours.days[local.day];
    if (day && local.time >= day.open && local.time < day.close) return new Date(t);
    // Before today's opening: on to it; closed for the day: on to local midnight. At most an hour at a
    // time, so a daylight-saving change is met on the way.
    const until = day && local.time < day.open ? minutesOf(day.open) : 24 * 60;
    t += Math.min(60, until - minutesOf(local.time)) * MINUTE_MS;
  }
  return undefined;
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
