import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateQuery } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RuntimeContext } from '../../../../infra/local/component.ts';
import { parseCron } from '../../../../infra/local/schedules/cron.ts';
import type { LocalRuntime } from '../../../../infra/local/runtime.ts';
import { parseScheduleExpression } from '../../../../infra/local/schedules/expression.ts';
import { Scheduler } from '../../../../infra/local/schedules/scheduler.ts';
import { defineService, type ServiceManifest } from '../../../../shared/manifest.ts';
import type { ReceivedEvent } from '../../../fixtures/schedule-service/events.ts';
import scheduleService from '../../../fixtures/schedule-service/service.ts';
import { eventually } from '../../../support/eventually.ts';
import { startTestRuntime } from '../../../support/runtime.ts';

const ruleArn = (name: string) => `arn:aws:events:us-east-1:000000000000:rule/schedule-service-${name}`;

describe('cron expressions', () => {
  const firings = (expression: string, after: string, count: number) => {
    const cron = parseCron(expression);
    const out: string[] = [];
    let at: Date | undefined = new Date(after);
    for (let i = 0; i < count && at; i++) {
      at = cron.next(at);
      if (at) out.push(at.toISOString().slice(0, 16));
    }
    return out;
  };

  it.each([
    ['0 3 * * ? *', '2024-01-01T05:00Z', ['2024-01-02T03:00', '2024-01-03T03:00']],
    ['0/15 * * * ? *', '2024-01-01T10:07Z', ['2024-01-01T10:15', '2024-01-01T10:30', '2024-01-01T10:45', '2024-01-01T11:00']],
    ['*/20 1-2 * * ? *', '2024-01-01T00:00Z', ['2024-01-01T01:00', '2024-01-01T01:20', '2024-01-01T01:40', '2024-01-01T02:00']],
    ['0 9 ? * MON-FRI *', '2024-03-01T10:00Z', ['2024-03-04T09:00', '2024-03-05T09:00']],
    ['0 8,20 ? * SUN,7 *', '2024-03-01T00:00Z', ['2024-03-02T08:00', '2024-03-02T20:00', '2024-03-03T08:00']],
    ['0 0 L * ? *', '2024-02-10T00:00Z', ['2024-02-29T00:00', '2024-03-31T00:00']],
    ['0 12 15W * ? *', '2024-06-01T00:00Z', ['2024-06-14T12:00', '2024-07-15T12:00', '2024-08-15T12:00', '2024-09-16T12:00']],
    ['0 12 1W * ? *', '2024-05-15T00:00Z', ['2024-06-03T12:00']],
    ['0 12 LW * ? *', '2024-08-01T00:00Z', ['2024-08-30T12:00', '2024-09-30T12:00']],
    ['0 18 ? * 6L *', '2024-05-01T00:00Z', ['2024-05-31T18:00', '2024-06-28T18:00']],
    ['0 10 ? * 2#1 *', '2024-06-15T00:00Z', ['2024-07-01T10:00', '2024-08-05T10:00']],
    ['0 0 29 FEB ? *', '2025-01-01T00:00Z', ['2028-02-29T00:00']],
    ['30 10 1 JAN ? 2025', '2024-06-01T00:00Z', ['2025-01-01T10:30']],
  ])('cron(%s) after %s fires at %j (UTC)', (expression, after, expected) => {
    expect(firings(expression, after, expected.length)).toEqual(expected);
  });

  it('fires strictly after the given instant', () => {
    expect(firings('0 3 * * ? *', '2024-01-01T03:00Z', 1)).toEqual(['2024-01-02T03:00']);
  });

  it('answers no firing once its years are over', () => {
    expect(parseCron('30 10 1 JAN ? 2025').next(new Date('2025-01-01T10:30Z'))).toBeUndefined();
  });

  it.each([
    ['0 3 * * ?', /expected 6 fields/],
    ['0 3 * * * *', /exactly one of day-of-month and day-of-week must be "\?"/],
    ['0 3 ? * ? *', /exactly one of day-of-month and day-of-week/],
    ['60 3 * * ? *', /minutes "60" is outside 0-59/],
    ['L 3 * * ? *', /minutes "L": "L", "W", "#" and "\?" stand alone, and only in the day fields/],
    ['0 3 1,L * ? *', /day-of-month "L"/],
    ['0 20-10 * * ? *', /hours range "20-10" runs backwards/],
    ['0 3 ? * 2#6 *', /occurrence after "#" must be 1-5/],
    ['0 3 * FOO ? *', /month "FOO" is outside 1-12/],
  ])('rejects cron(%s) with a clear error', (expression, message) => {
    expect(() => parseCron(expression)).toThrow(message);
  });
});

describe('rate expressions', () => {
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 days)', 172_800_000],
  ])('%s repeats every %d ms', (expression, periodMs) => {
    expect(parseScheduleExpression(expression)).toEqual({ kind: 'rate', periodMs });
  });

  it.each([
    ['rate(1 minutes)', /use "minute" for 1/],
    ['rate(5 minute)', /use "minute" for 1 and "minutes" otherwise/],
    ['rate(0 minutes)', /positive integer/],
    ['every 5 minutes', /expected rate\(/],
  ])('rejects %s as EventBridge does', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});

/** A scheduler on a host that only counts invocations: timer behaviour without running functions. */
function countingScheduler(manifest: ServiceManifest) {
  const calls: unknown[] = [];
  const context = {
    services: [manifest],
    host: { invoke: async (_name: string, event: unknown) => void calls.push(event) },
    baseUrl: 'http://local',
    functionName: (service: string, id: string) => `${service}-${id}`,
    timeScale: 0.001,
    websocketIdleTimeoutSeconds: 600,
    log: () => undefined,
  } as unknown as RuntimeContext;
  return { scheduler: new Scheduler(context), calls };
}

describe('Scheduler lifecycle', () => {
  const ticking = defineService({
    name: 'lifecycle',
    description: 'x',
    http: { routes: [] },
    table: {},
    schedules: [{ name: 'tick', expression: 'rate(1 minute)', handler: 'test/fixtures/schedule-service/handlers/record-event.ts' }],
  });

  // The scheduler runs in this process with a host that only counts: its timers are this process's, so a fake clock drives them exactly.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts no timer before start() and none after stop()', async () => {
    vi.useFakeTimers();
    const { scheduler, calls } = countingScheduler(ticking);
    // rate(1 minute) at timeScale 0.001 fires every 60 ms.
    vi.advanceTimersByTime(600);
    expect(calls).toHaveLength(0);

    scheduler.start();
    vi.advanceTimersByTime(200);
    await scheduler.stop();
    expect(calls).toHaveLength(3);

    vi.advanceTimersByTime(600);
    expect(calls).toHaveLength(3);
  });

  it('refuses a manifest whose schedule expression is invalid, naming the schedule', () => {
    const broken = { ...ticking, schedules: [{ ...ticking.schedules![0], expression: 'cron(0 3 * * * *)' }] };
    expect(() => countingScheduler(broken)).toThrow(/schedule lifecycle\/tick: invalid cron expression "0 3 \* \* \* \*"/);
  });
});

describe('schedules on the runtime', () => {
  const logs: string[] = [];
  let runtime: LocalRuntime;
  let db: DynamoDBDocumentClient;

  let startedAt = 0;
  beforeAll(async () => {
    startedAt = Date.now();
    runtime = await startTestRuntime({ services: [scheduleService], timeScale: 0.001, log: (line) => logs.push(line) });
    const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: 'us-east-1', credentials }));
  });
  afterAll(async () => {
    db?.destroy();
    await runtime?.stop();
  });

  async function received(schedule: string): Promise<ReceivedEvent[]> {
    const items: ReceivedEvent[] = [];
    const pages = paginateQuery(
      { client: db },
      {
        TableName: runtime.tableName('schedule-service'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `rule#${ruleArn(schedule)}` },
      },
    );
    for await (const page of pages) items.push(...((page.Items ?? []) as ReceivedEvent[]));
    return items.sort((a, b) => a.at - b.at);
  }

  /** What `schedule`'s function has received, once `done` holds of it. */
  const receivedOnce = (schedule: string, done: (events: ReceivedEvent[]) => boolean) =>
    eventually(
      async () => {
        const events = await received(schedule);
        return done(events) && events;
      },
      { what: `events of ${schedule}` },
    );

  const fireNow = (name: string) => fetch(`${runtime.url}/_local/schedules/schedule-service/${name}`, { method: 'POST' });

  it('fires a rate schedule repeatedly, its period multiplied by timeScale', async () => {
    const events = await receivedOnce('tick', (list) => list.length >= 4);
    const elapsedMs = Date.now() - startedAt;

    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(new Set(events.map((e) => e.event.id)).size).toBe(events.length);
    // rate(1 minute) at 0.001 is one firing per 60 ms: never more often than that, however loaded the machine.
    expect(events.length).toBeLessThanOrEqual(Math.floor(elapsedMs / 60) + 1);
  });

  it('fires a cron schedule on the scaled clock', async () => {
    const events = await receivedOnce('every-minute', (list) => list.length >= 2);

    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('delivers the EventBridge Scheduled Event', async () => {
    const [{ event, at }] = await receivedOnce('tick', (list) => list.length >= 1);

    expect(Object.keys(event).sort()).toEqual(['account', 'detail', 'detail-type', 'id', 'region', 'resources', 'source', 'time', 'version']);
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '000000000000',
      region: 'us-east-1',
      resources: [ruleArn('tick')],
      detail: {},
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // The real moment of firing (to the second): after the runtime started, before the function ran.
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(Math.floor(startedAt / 1000) * 1000);
    expect(Date.parse(event.time)).toBeLessThanOrEqual(at);
  });

  it('fires a schedule now on POST /_local/schedules/<service>/<name>', async () => {
    const response = await fireNow('weekly');
    const { id, function: functionName } = (await response.json()) as { id: string; function: string };

    expect(response.status).toBe(202);
    expect(functionName).toMatch(/^schedule-service-/);
    const events = await receivedOnce('weekly', (list) => list.some((e) => e.event.id === id));
    expect(events.filter((e) => e.event.id === id)).toHaveLength(1);
  });

  it('retries a failed invocation twice with backoff, with the same event, and logs it', async () => {
    const { id } = (await (await fireNow('flaky')).json()) as { id: string };

    // Giving up is the scheduler's last word on the event: no attempt can follow it.
    await eventually(() => logs.some((line) => line.includes(id) && line.endsWith('gave up after 3 attempts')), { what: 'the scheduler giving up' });
    const attempts = (await received('flaky')).filter((e) => e.event.id === id);

    expect(attempts).toHaveLength(3);
    // One and two minutes, scaled by 0.001.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(60);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(120);
    expect(logs.filter((line) => line.includes(id))).toEqual([
      expect.stringMatching(/scheduled work failed; retry 1 of 2 in 60 ms$/),
      expect.stringMatching(/scheduled work failed; retry 2 of 2 in 120 ms$/),
      expect.stringMatching(/scheduled work failed; gave up after 3 attempts$/),
    ]);
  });

  it('answers 404 for an unknown schedule and 405 for a GET on one', async () => {
    expect((await fireNow('nope')).status).toBe(404);
    expect((await fetch(`${runtime.url}/_local/schedules/schedule-service/weekly`)).status).toBe(405);
  });

  it('lists every schedule with its next firing at GET /_local/schedules', async () => {
    const { schedules } = (await (await fetch(`${runtime.url}/_local/schedules`)).json()) as { schedules: Array<Record<string, unknown>> };

    expect(schedules.map((s) => s.name)).toEqual(['tick', 'every-minute', 'weekly', 'flaky']);
    expect(schedules[2]).toMatchObject({ service: 'schedule-service', expression: 'rate(7 days)', nextFireAt: expect.stringMatching(/Z$/) });
  });

  it('describes each schedule with its expression, function and trigger URL', () => {
    const lines = runtime.schedules.describe();

    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain('rate(1 minute)');
    expect(lines[0]).toContain(`POST ${runtime.url}/_local/schedules/schedule-service/tick`);
  });
});
