/** EventBridge schedule expressions: `rate(5 minutes)` or `cron(0 3 * * ? *)`. */
import { parseCron, type CronSchedule } from './cron.ts';

export type ScheduleExpression = { kind: 'rate'; periodMs: number } | { kind: 'cron'; cron: CronSchedule };

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

export function parseScheduleExpression(expression: string): ScheduleExpression {
  const rate = /^rate\((\d+) (minute|hour|day)(s?)\)$/.exec(expression);
  if (rate) {
    const [, valueText, unit, plural] = rate;
    const value = Number(valueText);
    if (value < 1) throw new Error(`invalid rate expression "${expression}": the value must be a positive integer`);
    // EventBridge refuses `rate(1 minutes)` and `rate(5 minute)`, so a deploy would too.
    if ((value === 1) !== (plural === '')) {
      throw new Error(`invalid rate expression "${expression}": use "${unit}" for 1 and "${unit}s" otherwise`);
    }
    return { kind: 'rate', periodMs: value * UNIT_MS[unit as keyof typeof UNIT_MS] };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', cron: parseCron(cron[1]) };
  throw new Error(`invalid schedule expression "${expression}": expected rate(<n> minute|minutes|hour|hours|day|days) or cron(<6 fields>)`);
}
