/**
 * LiftLog feed figures through the local gateway: what password verification
 * costs an authenticated write (a repeat caller, answered from the warm
 * environment's verification cache, against a first-time caller paying for
 * PBKDF2) next to an unauthenticated write, and the DynamoDB operations of a
 * feed read for 200 followed users.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import liftlog from '../functions/liftlog/service.ts';
import { startRuntime } from '../infra/local/runtime.ts';

const FOLLOWED_USERS = 200;

interface Timed {
  status: number;
  ms: number;
  headers: Headers;
}

async function timed(url: string, method: string, body: unknown): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await response.arrayBuffer();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${method} ${url} answered ${response.status}`);
  return { status: response.status, ms, headers: response.headers };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const b64 = (bytes: number) => randomBytes(bytes).toString('base64');

export async function benchLiftlog(options: { requests?: number; firstTimeCallers?: number } = {}) {
  const requests = options.requests ?? 200;
  const firstTimeCallers = options.firstTimeCallers ?? 15;
  const runtime = await startRuntime({ services: [liftlog], environment: { DB_OP_COUNT_HEADER: 'true' }, log: () => undefined });
  const base = `${runtime.url}/liftlog`;
  const createUser = async () => (await (await fetch(`${base}/user/create`, { method: 'POST', body: '{}' })).json()) as { id: string; password: string };
  const event = (user: { id: string; password: string }) => ({
    userId: user.id,
    password: user.password,
    eventId: randomUUID(),
    encryptedEventPayload: b64(2048),
    encryptedEventIV: b64(16),
    expiry: new Date(Date.now() + 86_400_000).toISOString(),
  });
  try {
    const repeat = await createUser();
    // Warm both functions (and the repeat caller's verification) outside the measurement.
    await timed(`${base}/event`, 'PUT', event(repeat));
    await timed(`${base}/inbox`, 'PUT', { toUserId: repeat.id, encryptedMessage: [b64(256)] });

    const repeatMs: number[] = [];
    const inboxMs: number[] = [];
    // Interleaved, so both see the same machine load.
    for (let i = 0; i < requests; i++) {
      repeatMs.push((await timed(`${base}/event`, 'PUT', event(repeat))).ms);
      inboxMs.push((await timed(`${base}/inbox`, 'PUT', { toUserId: repeat.id, encryptedMessage: [b64(256)] })).ms);
    }

    const newcomers = [];
    for (let i = 0; i < firstTimeCallers; i++) newcomers.push(await createUser());
    const firstTimeMs: number[] = [];
    for (const user of newcomers) firstTimeMs.push((await timed(`${base}/event`, 'PUT', event(user))).ms);

    const operations = await feedOperations(runtime.tableName('liftlog'), runtime.dynamoEndpoint, base);
    return {
      requests,
      repeatMs: median(repeatMs),
      firstTimeMs: median(firstTimeMs),
      inboxMs: median(inboxMs),
      ...operations,
    };
  } finally {
    await runtime.stop();
  }
}

/** Seeds 200 followed users (a follow secret and an event each) with the feature module itself, then reads their feed once. */
async function feedOperations(table: string, dynamoEndpoint: string, base: string) {
  Object.assign(process.env, {
    TABLE_NAME: table,
    SERVICE_NAME: 'liftlog',
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Seeding calls feature modules in this process, outside any invocation: its counters would only be noise.
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  const { registerFollowSecret } = await import('../functions/liftlog/follow-secrets/follow-secrets.ts');
  const { publishEvent } = await import('../functions/liftlog/events/events.ts');
  const { db } = await import('../shared/db/client.ts');
  const users = Array.from({ length: FOLLOWED_USERS }, () => ({ userId: randomUUID(), followSecret: randomUUID(), since: '2000-01-01T00:00:00Z' }));
  for (const { userId, followSecret } of users) {
    // A followed account's feed is read only while its profile exists.
    await db.send(new PutCommand({ TableName: table, Item: { pk: `USER#${userId}`, sk: 'PROFILE', id: userId } }));
    await registerFollowSecret(userId, followSecret);
    await publishEvent({
      userId,
      eventId: randomUUID(),
      encryptedEventPayload: randomBytes(2048),
      encryptedEventIV: randomBytes(16),
      expiry: new Date(Date.now() + 86_400_000),
    });
  }
  const reply = await timed(`${base}/events`, 'POST', { users });
  return {
    feedOperations: Number(reply.headers.get('x-db-operations')),
    feedOperationsByCommand: reply.headers.get('x-db-operations-by-command') ?? '',
    feedMs: reply.ms,
  };
}
