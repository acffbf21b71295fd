/** Feed events: PUT /event, POST /events, follow secrets as the read capability, expiry. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
let alice: Identity;
let bob: Identity;
beforeAll(async () => {
  h = await startLiftlog({ environment: { DB_OP_COUNT_HEADER: 'true' } });
  [alice, bob] = await Promise.all([h.app.createUser(), h.app.createUser()]);
});
afterAll(() => h?.stop());

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const LONG_AGO = '2000-01-01T00:00:00Z';

const eventBody = (user: Identity, overrides: Record<string, unknown> = {}) => ({
  userId: user.id,
  password: user.password,
  eventId: crypto.randomUUID(),
  encryptedEventPayload: randomB64(64),
  encryptedEventIV: randomB64(16),
  expiry: inDays(30),
  ...overrides,
});

const putEvent = (body: Record<string, unknown>) => h.app.send('PUT', '/event', body);
const putSecret = (user: Identity, followSecret: string) => h.app.send('PUT', '/follow-secret', { userId: user.id, password: user.password, followSecret });
const feed = (users: Array<{ userId: string; followSecret: string; since?: string }>) =>
  h.app.send('POST', '/events', { users: users.map((user) => ({ since: LONG_AGO, ...user })) });

async function follow(user: Identity): Promise<string> {
  const secret = crypto.randomUUID();
  expect((await putSecret(user, secret)).status).toBe(200);
  return secret;
}

describe('PUT /event', () => {
  it('answers 200 with an empty body', async () => {
    const reply = await putEvent(eventBody(alice));
    expect(reply).toMatchObject({ status: 200, text: '' });
  });

  it('accepts a payload of exactly 1 and exactly 15360 bytes and refuses 0 or 15361', async () => {
    expect((await putEvent(eventBody(alice, { encryptedEventPayload: randomB64(1) }))).status).toBe(200);
    expect((await putEvent(eventBody(alice, { encryptedEventPayload: randomB64(15_360) }))).status).toBe(200);
    expect((await putEvent(eventBody(alice, { encryptedEventPayload: '' }))).status).toBe(400);
    const over = await putEvent(eventBody(alice, { encryptedEventPayload: randomB64(15_361) }));
    expect(over.status).toBe(400);
    expect(over.body.errors).toHaveProperty('encryptedEventPayload');
  });

  it('accepts an IV of 1 to 16 bytes and refuses 0 or 17', async () => {
    expect((await putEvent(eventBody(alice, { encryptedEventIV: randomB64(1) }))).status).toBe(200);
    expect((await putEvent(eventBody(alice, { encryptedEventIV: randomB64(16) }))).status).toBe(200);
    expect((await putEvent(eventBody(alice, { encryptedEventIV: '' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { encryptedEventIV: randomB64(17) }))).status).toBe(400);
  });

  it('requires a valid expiry, GUIDs and standard padded base64', async () => {
    const { expiry: _, ...withoutExpiry } = eventBody(alice);
    expect((await putEvent(withoutExpiry)).status).toBe(400);
    expect((await putEvent(eventBody(alice, { expiry: 'next tuesday' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { expiry: '2024-02-30T00:00:00Z' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { eventId: 'not-a-guid' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { userId: 'not-a-guid' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { encryptedEventPayload: 'AAA' }))).status).toBe(400);
    expect((await putEvent(eventBody(alice, { encryptedEventPayload: 'AA-_' }))).status).toBe(400);
  });

  it('answers 404 for an unknown user and 401 for a wrong password', async () => {
    expect((await putEvent(eventBody(alice, { userId: crypto.randomUUID() }))).status).toBe(404);
    expect((await putEvent(eventBody(alice, { password: crypto.randomUUID() }))).status).toBe(401);
  });

  it('upserts on (user, event) and bumps the server timestamp on re-publish', async () => {
    const secret = await follow(alice);
    const first = eventBody(alice);
    await putEvent(first);
    const before = (await feed([{ userId: alice.id, followSecret: secret }])).body.events.find((e: { eventId: string }) => e.eventId === first.eventId);
    // A bump shows only once the clock has moved past the first timestamp.
    await eventually(() => Date.now() > Date.parse(before.timestamp), { intervalMs: 1 });
    const second = { ...first, encryptedEventPayload: randomB64(80) };
    await putEvent(second);
    const events = (await feed([{ userId: alice.id, followSecret: secret }])).body.events.filter((e: { eventId: string }) => e.eventId === first.eventId);
    expect(events).toHaveLength(1);
    expect(events[0].encryptedEventPayload).toBe(second.encryptedEventPayload);
    expect(Date.parse(events[0].timestamp)).toBeGreaterThan(Date.parse(before.timestamp));
    const since = await feed([{ userId: alice.id, followSecret: secret, since: before.timestamp }]);
    expect(since.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([first.eventId]);
  });
});

describe('POST /events', () => {
  it('returns events newer than since, strictly, with every field', async () => {
    const carol = await h.app.createUser();
    const secret = await follow(carol);
    const body = eventBody(carol);
    await putEvent(body);
    const all = await feed([{ userId: carol.id, followSecret: secret }]);
    expect(all.body).toEqual({
      events: [
        {
          userId: carol.id,
          eventId: body.eventId,
          timestamp: expect.stringMatching(/Z$/),
          encryptedEventPayload: body.encryptedEventPayload,
          encryptedEventIV: body.encryptedEventIV,
          expiry: body.expiry,
        },
      ],
      invalidFollowSecrets: [],
    });
    const timestamp = all.body.events[0].timestamp;
    const justBefore = new Date(Date.parse(timestamp) - 1).toISOString();
    expect((await feed([{ userId: carol.id, followSecret: secret, since: timestamp }])).body.events).toEqual([]);
    expect((await feed([{ userId: carol.id, followSecret: secret, since: justBefore }])).body.events).toHaveLength(1);
    // Offsets and extra precision are read as DateTimeOffset reads them.
    const offset = timestamp.replace('Z', '0000+00:00');
    expect((await feed([{ userId: carol.id, followSecret: secret, since: offset }])).body.events).toEqual([]);
  });

  it('lists unknown secrets in invalidFollowSecrets and returns nothing for them', async () => {
    const unknown = crypto.randomUUID();
    const reply = await feed([{ userId: alice.id, followSecret: unknown }]);
    expect(reply.body).toEqual({ events: [], invalidFollowSecrets: [unknown] });
  });

  it('grants a follow secret only for the user who registered it', async () => {
    const aliceSecret = await follow(alice);
    await putEvent(eventBody(bob));
    const reply = await feed([{ userId: bob.id, followSecret: aliceSecret }]);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ events: [], invalidFollowSecrets: [aliceSecret] });
  });

  it('treats registering the same secret twice as one registration', async () => {
    const secret = crypto.randomUUID();
    expect((await putSecret(alice, secret)).status).toBe(200);
    expect((await putSecret(alice, secret)).status).toBe(200);
    const stored = (await h.table.partition(`USER#${alice.id}`)).filter((item) => String(item.sk).startsWith('FOLLOW#') && String(item.sk).includes(secret));
    expect(stored).toHaveLength(1);
    await h.app.send('POST', '/follow-secret/delete', { userId: alice.id, password: alice.password, followSecret: secret });
    expect((await feed([{ userId: alice.id, followSecret: secret }])).body.invalidFollowSecrets).toEqual([secret]);
  });

  it('answers a user followed with two secrets once, without error', async () => {
    const dave = await h.app.createUser();
    const [one, two] = [await follow(dave), await follow(dave)];
    const body = eventBody(dave);
    await putEvent(body);
    const reply = await feed([
      { userId: dave.id, followSecret: one },
      { userId: dave.id, followSecret: two },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.events.map((e: { eventId: string }) => e.eventId)).toEqual([body.eventId]);
  });

  it('accepts 1 to 200 users and refuses 0 or 201', async () => {
    const users = (n: number) => Array.from({ length: n }, () => ({ userId: crypto.randomUUID(), followSecret: 's', since: LONG_AGO }));
    expect((await h.app.send('POST', '/events', { users: users(200) })).status).toBe(200);
    expect((await h.app.send('POST', '/events', { users: [] })).status).toBe(400);
    expect((await h.app.send('POST', '/events', { users: users(201) })).status).toBe(400);
    expect((await h.app.send('POST', '/events', { users: [{ userId: 'nope', followSecret: 's', since: LONG_AGO }] })).status).toBe(400);
    expect((await h.app.send('POST', '/events', { users: [{ userId: alice.id, followSecret: '', since: LONG_AGO }] })).status).toBe(400);
    expect((await h.app.send('POST', '/events', { users: [{ userId: alice.id, followSecret: 's' }] })).status).toBe(400);
  });

  it('reads 200 followed users with at most 205 DynamoDB operations and no Scan', async () => {
    h.table.useFromThisProcess();
    const { registerFollowSecret } = await import('../../../functions/liftlog/follow-secrets/follow-secrets.ts');
    const { publishEvent } = await import('../../../functions/liftlog/events/events.ts');
    const followed = Array.from({ length: 200 }, () => ({ userId: crypto.randomUUID(), followSecret: crypto.randomUUID(), since: LONG_AGO }));
    await Promise.all(
      followed.map(async ({ userId, followSecret }) => {
        // A minimal profile: a followed account must exist for its feed to be read.
        await h.table.db.send(new PutCommand({ TableName: h.table.name, Item: { pk: `USER#${userId}`, sk: 'PROFILE', id: userId } }));
        await registerFollowSecret(userId, followSecret);
        await publishEvent({
          userId,
          eventId: crypto.randomUUID(),
          encryptedEventPayload: crypto.getRandomValues(new Uint8Array(32)),
          encryptedEventIV: crypto.getRandomValues(new Uint8Array(16)),
          expiry: new Date(Date.now() + 86_400_000),
        });
      }),
    );
    const reply = await h.app.send('POST', '/events', { users: followed });
    expect(reply.status).toBe(200);
    expect(new Set(reply.body.events.map((e: { userId: string }) => e.userId)).size).toBe(200);
    expect(Number(reply.headers.get('x-db-operations'))).toBeLessThanOrEqual(205);
    expect(reply.headers.get('x-db-operations-by-command')).not.toMatch(/Scan/);
  });
});

describe('event expiry', () => {
  it('never returns an event past its expiry, and the hourly schedule deletes it', async () => {
    const erin = await h.app.createUser();
    const secret = await follow(erin);
    const expired = eventBody(erin, { expiry: '2001-01-01T00:00:00Z' });
    const live = eventBody(erin);
    for (const body of [expired, live]) expect((await putEvent(body)).status).toBe(200);
    // Set just before the one write and the one read that must happen ahead of it: 3 s covers them on a busy machine.
    const expiring = eventBody(erin, { expiry: new Date(Date.now() + 3000).toISOString() });
    expect((await putEvent(expiring)).status).toBe(200);
    const ids = async () => (await feed([{ userId: erin.id, followSecret: secret }])).body.events.map((e: { eventId: string }) => e.eventId).sort();
    expect(await ids()).toEqual([expiring.eventId, live.eventId].sort());
    await eventually(() => Date.now() > Date.parse(expiring.expiry), { what: 'the expiry passed' });
    expect(await ids()).toEqual([live.eventId]);

    const stored = async () => (await h.table.partition(`USER#${erin.id}`)).filter((item) => String(item.sk).startsWith('EVENT#')).map((item) => item.eventId);
    expect(await stored()).toHaveLength(3);
    const fired = await fetch(`${h.runtime.url}/_local/schedules/liftlog/expired-events`, { method: 'POST' });
    expect(fired.status).toBe(202);
    await eventually(async () => (await stored()).length === 1);
    expect(await stored()).toEqual([live.eventId]);
  });
});
