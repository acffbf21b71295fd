/**
 * EventBridge rules for the manifests' schedules: each fires its function with a
 * "Scheduled Event" on its `rate(...)` or `cron(...)` expression (UTC). As on
 * AWS the invocation is asynchronous: a failure is logged and retried twice
 * with backoff, never fatal. `POST /_local/schedules/<service>/<name>` fires a
 * schedule now, the same way.
 *
 * Periods run on a clock sped up by `timeScale`: at 0.001, `rate(1 minute)`
 * fires every 60 ms and `cron(0 * * * ? *)` every 3.6 s. The event's `time` is
 * the real moment of firing, so handlers comparing it with stored timestamps
 * see a consistent clock.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ScheduledEvent } from 'aws-lambda';
import { functionsOf, type Schedule } from '../../../shared/manifest.ts';
import { addresses, LOCAL_ACCOUNT } from '../addresses.ts';
import { sendJson, type Component, type RuntimeContext } from '../component.ts';
import { parseScheduleExpression, type ScheduleExpression } from './expression.ts';

const REGION = 'us-east-1';
const PATH_PREFIX = '/_local/schedules';
/** Lambda retries a failed asynchronous invocation twice, after about one and then two minutes. */
const RETRY_DELAYS_MS = [60_000, 120_000];
/** Longer timeouts overflow Node's timer; far-off firings re-arm in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Rule {
  service: string;
  schedule: Schedule;
  functionName: string;
  expression: ScheduleExpression;
  arn: string;
  timer?: NodeJS.Timeout;
  /** On the scaled clock; undefined once a cron's year range is exhausted. */
  nextFireAt?: number;
}

export class Scheduler implements Component {
  private readonly rules = new Map<string, Rule>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private running = false;
  /** Real time at start(): the scaled clock coincides with the real one there. */
  private origin = 0;

  constructor(private readonly ctx: RuntimeContext) {
    for (const manifest of ctx.services) {
      for (const fn of functionsOf(manifest)) {
        if (fn.trigger.kind !== 'schedule') continue;
        const schedule = fn.trigger.schedule;
        let expression: ScheduleExpression;
        try {
          expression = parseScheduleExpression(schedule.expression);
        } catch (error) {
          throw new Error(`schedule ${manifest.name}/${schedule.name}: ${(error as Error).message}`);
        }
        const ruleName = `${manifest.name}-${schedule.name}`;
        this.rules.set(`${manifest.name}/${schedule.name}`, {
          service: manifest.name,
          schedule,
          functionName: ctx.functionName(manifest.name, fn.id),
          expression,
          arn: `arn:aws:events:${REGION}:${LOCAL_ACCOUNT}:rule/${ruleName}`,
        });
      }
    }
  }

  start(): void {
    this.running = true;
    this.origin = Date.now();
    for (const rule of this.rules.values()) this.arm(rule, this.origin);
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const rule of this.rules.values()) clearTimeout(rule.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }

  describe(): string[] {
    return [...this.rules.values()].map(
      (rule) =>
        `schedule ${rule.schedule.expression.padEnd(22)} → ${rule.functionName}  (fire now: POST ${addresses.scheduleTrigger(this.ctx.baseUrl, rule.service, rule.schedule.name)})`,
    );
  }

  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    if (url.pathname !== PATH_PREFIX && !url.pathname.startsWith(`${PATH_PREFIX}/`)) return false;
    const key = url.pathname.slice(PATH_PREFIX.length + 1).replace(/\/$/, '');
    if (!key) {
      if (req.method !== 'GET') sendJson(res, 405, { message: 'use GET' }, { allow: 'GET' });
      else sendJson(res, 200, { schedules: [...this.rules.values()].map((rule) => this.view(rule)) });
      return true;
    }
    const rule = this.rules.get(key);
    if (!rule) sendJson(res, 404, { message: `no schedule ${key}` });
    else if (req.method !== 'POST') sendJson(res, 405, { message: 'use POST to fire the schedule now' }, { allow: 'POST' });
    else sendJson(res, 202, { id: this.fire(rule), function: rule.functionName });
    return true;
  }

  private view(rule: Rule) {
    return {
      service: rule.service,
      name: rule.schedule.name,
      expression: rule.schedule.expression,
      function: rule.functionName,
      nextFireAt: rule.nextFireAt === undefined || !this.running ? null : new Date(this.toReal(rule.nextFireAt)).toISOString(),
    };
  }

  /** Schedules the first firing after `after` (on the scaled clock). */
  private arm(rule: Rule, after: number): void {
    const next = rule.expression.kind === 'rate' ? after + rule.expression.periodMs : rule.expression.cron.next(new Date(after))?.getTime();
    rule.nextFireAt = next;
    if (next === undefined) return;
    const delay = Math.max(0, this.toReal(next) - Date.now());
    rule.timer =
      delay > MAX_TIMER_MS
        ? setTimeout(() => this.arm(rule, after), MAX_TIMER_MS)
        : setTimeout(() => {
            this.fire(rule);
            this.arm(rule, next);
          }, delay);
    rule.timer.unref();
  }

  /** Fires one event; its retries carry the same event, as Lambda's asynchronous retries do. */
  private fire(rule: Rule): string {
    const event = scheduledEvent(rule.arn);
    this.invoke(rule, event, 0);
    return event.id;
  }

  private invoke(rule: Rule, event: ScheduledEvent, attempt: number): void {
    this.ctx.host.invoke(rule.functionName, event, { type: 'Event' }).catch((error: Error) => {
      if (!this.running) return;
      const failure = `✖ ${rule.functionName} (schedule ${rule.service}/${rule.schedule.name}, event ${event.id}): ${error.name}: ${error.message}`;
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined) {
        this.ctx.log(`${failure}; gave up after ${attempt + 1} attempts`);
        return;
      }
      const scaled = delay * this.ctx.timeScale;
      this.ctx.log(`${failure}; retry ${attempt + 1} of ${RETRY_DELAYS_MS.length} in ${formatDuration(scaled)}`);
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.invoke(rule, event, attempt + 1);
      }, scaled);
      timer.unref();
      this.retryTimers.add(timer);
    });
  }

  private toReal(scaled: number): number {
    return this.origin + (scaled - this.origin) * this.ctx.timeScale;
  }
}

/** The event EventBridge delivers for a scheduled rule. */
function scheduledEvent(ruleArn: string): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: REGION,
    resources: [ruleArn],
    detail: {},
  };
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms % 1000 ? 1 : 0)} s` : `${Math.round(ms)} ms`;
}
