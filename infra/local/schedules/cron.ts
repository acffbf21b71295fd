/**
 * EventBridge cron expressions, `cron(minutes hours day-of-month month day-of-week year)`,
 * evaluated in UTC as EventBridge rules are. Day-of-week counts 1 = SUN … 7 = SAT.
 * Exactly one of day-of-month and day-of-week is `?`. Besides lists, ranges and
 * steps, day-of-month takes `L` (last day), `LW` (last weekday) and `15W`
 * (weekday nearest the 15th, within the month); day-of-week takes `L`
 * (Saturday), `6L` (last Friday of the month) and `2#1` (first Monday).
 */
export class CronExpressionError extends Error {
  constructor(expression: string, reason: string) {
    super(`invalid cron expression "${expression}": ${reason}`);
    this.name = 'CronExpressionError';
  }
}

export interface CronSchedule {
  /** The first firing strictly after `after`, or undefined when the year range is exhausted. */
  next(after: Date): Date | undefined;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const MINUTES: FieldSpec = { name: 'minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { name: 'hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { name: 'day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = {
  name: 'month',
  min: 1,
  max: 12,
  names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
};
const DAY_OF_WEEK: FieldSpec = { name: 'day-of-week', min: 1, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] };
const YEAR: FieldSpec = { name: 'year', min: 1970, max: 2199 };

/** Which days of a month fire, from whichever of the two day fields is not `?`. */
type DayRule =
  | { kind: 'days-of-month'; days: Set<number> }
  | { kind: 'last-day' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number }
  | { kind: 'days-of-week'; days: Set<number> }
  | { kind: 'last-day-of-week'; dayOfWeek: number }
  | { kind: 'nth-day-of-week'; dayOfWeek: number; nth: number };

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6)
    throw new CronExpressionError(expression, `expected 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}`);
  const [minuteField, hourField, domField, monthField, dowField, yearField] = fields;
  const fail = (reason: string) => new CronExpressionError(expression, reason);

  const minutes = parseList(minuteField, MINUTES, fail);
  const hours = parseList(hourField, HOURS, fail);
  const months = parseList(monthField, MONTH, fail);
  const years = parseList(yearField, YEAR, fail);
  const dayRule = parseDays(domField, dowField, fail);

  const times = [...hours].sort((a, b) => a - b).flatMap((h) => [...minutes].sort((a, b) => a - b).map((m) => h * 60 + m));

  return {
    next(after: Date): Date | undefined {
      const start = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
      let year = start.getUTCFullYear();
      let month = start.getUTCMonth() + 1;
      let day = start.getUTCDate();
      let fromMinute = start.getUTCHours() * 60 + start.getUTCMinutes();
      while (year <= YEAR.max) {
        if (!years.has(year)) {
          [year, month, day, fromMinute] = [year + 1, 1, 1, 0];
          continue;
        }
        if (!months.has(month) || day > daysInMonth(year, month)) {
          [month, day, fromMinute] = [month + 1, 1, 0];
          if (month > 12) [year, month] = [year + 1, 1];
          continue;
        }
        if (dayMatches(dayRule, year, month, day)) {
          const time = times.find((t) => t >= fromMinute);
          if (time !== undefined) return new Date(Date.UTC(year, month - 1, day, Math.floor(time / 60), time % 60));
        }
        [day, fromMinute] = [day + 1, 0];
      }
      return undefined;
    },
  };
}

function parseDays(domField: string, dowField: string, fail: (reason: string) => Error): DayRule {
  if ((domField === '?') === (dowField === '?')) {
    throw fail('exactly one of day-of-month and day-of-week must be "?"');
  }
  if (dowField === '?') {
    if (domField === 'L') return { kind: 'last-day' };
    if (domField === 'LW') return { kind: 'last-weekday' };
    const nearest = /^(\d+)W$/.exec(domField);
    if (nearest) return { kind: 'nearest-weekday', day: parseValue(nearest[1], DAY_OF_MONTH, fail) };
    return { kind: 'days-of-month', days: parseList(domField, DAY_OF_MONTH, fail) };
  }
  if (dowField === 'L') return { kind: 'days-of-week', days: new Set([DAY_OF_WEEK.max]) };
  const last = /^(\w+)L$/.exec(dowField);
  if (last) return { kind: 'last-day-of-week', dayOfWeek: parseValue(last[1], DAY_OF_WEEK, fail) };
  const nth = /^(\w+)#(\d+)$/.exec(dowField);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw fail(`day-of-week "${dowField}": the occurrence after "#" must be 1-5`);
    return { kind: 'nth-day-of-week', dayOfWeek: parseValue(nth[1], DAY_OF_WEEK, fail), nth: n };
  }
  return { kind: 'days-of-week', days: parseList(dowField, DAY_OF_WEEK, fail) };
}

/** `*`, `a`, `a-b`, `*\/n`, `a/n`, `a-b/n`, comma-separated. */
function parseList(field: string, spec: FieldSpec, fail: (reason: string) => Error): Set<number> {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    if (/^(\d*L|\d+W|LW)$|#|\?/.test(part)) throw fail(`${spec.name} "${part}": "L", "W", "#" and "?" stand alone, and only in the day fields`);
    const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw fail(`${spec.name} "${part}" is not a value, range or step`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw fail(`${spec.name} "${part}": the step must be at least 1`);
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [spec.min, spec.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [parseValue(a, spec, fail), parseValue(b, spec, fail)];
      if (from > to) throw fail(`${spec.name} range "${range}" runs backwards`);
    } else {
      from = parseValue(range, spec, fail);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function parseValue(text: string, spec: FieldSpec, fail: (reason: string) => Error): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const value = named >= 0 ? spec.min + named : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= spec.min && value <= spec.max)) throw fail(`${spec.name} "${text}" is outside ${spec.min}-${spec.max}`);
  return value;
}

function dayMatches(rule: DayRule, year: number, month: number, day: number): boolean {
  const lastDay = daysInMonth(year, month);
  const dayOfWeek = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 1;
  switch (rule.kind) {
    case 'days-of-month':
      return rule.days.has(day);
    case 'last-day':
      return day === lastDay;
    case 'last-weekday':
      return day === nearestWeekday(year, month, lastDay, lastDay, dayOfWeek);
    case 'nearest-weekday':
      return rule.day <= lastDay && day === nearestWeekday(year, month, rule.day, lastDay, dayOfWeek);
    case 'days-of-week':
      return rule.days.has(dayOfWeek(year, month, day));
    case 'last-day-of-week':
      return dayOfWeek(year, month, day) === rule.dayOfWeek && day + 7 > lastDay;
    case 'nth-day-of-week':
      return dayOfWeek(year, month, day) === rule.dayOfWeek && Math.ceil(day / 7) === rule.nth;
  }
}

/** The weekday closest to `day` without leaving the month (a Saturday the 1st moves to Monday the 3rd). */
function nearestWeekday(year: number, month: number, day: number, lastDay: number, dayOfWeek: (y: number, m: number, d: number) => number): number {
  const weekday = dayOfWeek(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === lastDay ? day - 2 : day + 1;
  return day;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
