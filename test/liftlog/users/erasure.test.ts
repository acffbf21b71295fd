/**
 * Deleting an account erases everything the user owns, however much: the
 * queue consumer works through it in slices (100 items per run here, so it
 * has to re-enqueue itself several times), and the hourly sweep finishes an
 * erasure whose message was lost.
 */
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../../shared/concurrency.ts';
import { eventually, randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  h = await startLiftlog({ environment: { ERASURE_ITEMS_PER_RUN: '100' } });
  h.table.useFromThisProcess();
});
afterAll(() => h?.stop());

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Gives `user` a large picture, `events` events, 5 follow secrets, 30 inbox
 * messages and 3 shared items; answers the shared item ids. Events are
 * published with the feature module PUT /event calls (hundreds of requests
 * would only slow the test down); everything else goes through HTTP.
 */
async function populate(user: Identity, events: number): Promise<string[]> {
  const { publishEvent } = await import('../../../functions/liftlog/events/events.ts');
  const auth = { userId: user.id, password: user.password };
  await h.app.send('PUT', '/user', {
    id: user.id,
    password: user.password,
    encryptedProfilePicture: randomB64(100_000),
    encryptionIV: randomB64(16),
    rsaPublicKey: randomB64(294),
  });
  const viaHttp = await h.app.send('PUT', '/event', {
    ...auth,
    eventId: crypto.randomUUID(),
    encryptedEventPayload: randomB64(512),
    encryptedEventIV: randomB64(16),
    expiry: '2099-01-01T00:00:00Z',
  });
  expect(viaHttp.status).toBe(200);
  await mapConcurrently(range(events - 1), 8, () =>
    publishEvent({
      userId: user.id,
      eventId: crypto.randomUUID(),
      encryptedEventPayload: new Uint8Array(randomBytes(512)),
      encryptedEventIV: new Uint8Array(randomBytes(16)),
      expiry: new Date('2099-01-01T00:00:00Z'),
    }),
  );
  for (const _ of range(5)) await h.app.send('PUT', '/follow-secret', { ...auth, followSecret: crypto.randomUUID() });
  for (const _ of range(30)) await h.app.send('PUT', '/inbox', { toUserId: user.id, encryptedMessage: [randomB64(256)] });
  const shared: string[] = [];
  for (const _ of range(3)) {
    const reply = await h.app.send('POST', '/shareditem', {
      ...auth,
      encryptedPayload: { encryptedPayload: randomB64(64), iv: { value: randomB64(16) } },
      expiry: '2099-01-01T00:00:00Z',
    });
    shared.push(reply.body.id);
  }
  return shared;
}

async function nothingLeftOf(userId: string, shared: string[]): Promise<boolean> {
  if ((await h.table.itemsMentioning(userId)).length) return false;
  if ((await h.pictureObjects(`${userId}/`)).length) return false;
  for (const id of shared) if ((await h.app.send('GET', `/shareditem/${id}`)).status !== 404) return false;
  return true;
}

describe('POST /user/delete cascade', () => {
  it('erases 300 events, follow secrets, inbox, shared items and the picture, and nothing of anyone else', async () => {
    const [doomed, bystander] = await Promise.all([h.app.createUser(), h.app.createUser()]);
    const shared = await populate(doomed, 300);
    const bystanderShared = await populate(bystander, 10);
    const owned = (await h.table.partition(`USER#${doomed.id}`)).length;
    expect(owned).toBe(1 + 300 + 5 + 30 + 3);
    const bystanderBefore = (await h.table.itemsMentioning(bystander.id)).length;

    const reply = await h.app.send('POST', '/user/delete', { id: doomed.id, password: doomed.password });
    expect(reply).toMatchObject({ status: 200, text: '' });
    expect((await h.app.send('GET', `/user/${doomed.id}`)).status).toBe(404);

    await eventually(() => nothingLeftOf(doomed.id, shared), { intervalMs: 250 });
    expect(await h.table.partition('ERASURE')).toEqual([]);
    expect((await h.table.itemsMentioning(bystander.id)).length).toBe(bystanderBefore);
    expect(await h.pictureObjects(`${bystander.id}/`)).toHaveLength(1);
    for (const id of bystanderShared) expect((await h.app.send('GET', `/shareditem/${id}`)).status).toBe(200);
  });
});

describe('erasure sweep (hourly)', () => {
  it('finishes an erasure whose queue message was lost', async () => {
    const { registerFollowSecret } = await import('../../../functions/liftlog/follow-secrets/follow-secrets.ts');
    const { publishEvent } = await import('../../../functions/liftlog/events/events.ts');
    const orphan = crypto.randomUUID();
    await registerFollowSecret(orphan, 'secret');
    await mapConcurrently(range(150), 8, () =>
      publishEvent({
        userId: orphan,
        eventId: crypto.randomUUID(),
        encryptedEventPayload: new Uint8Array(16),
        encryptedEventIV: new Uint8Array(16),
        expiry: new Date('2099-01-01T00:00:00Z'),
      }),
    );
    // What a deletion leaves when its enqueue failed, an hour ago.
    await h.table.db.send(
      new PutCommand({
        TableName: h.table.name,
        Item: { pk: 'ERASURE', sk: orphan, userId: orphan, requestedAt: '2020-01-01T00:00:00.000Z', touchedAt: '2020-01-01T00:00:00.000Z' },
      }),
    );

    const fired = await fetch(`${h.runtime.url}/_local/schedules/liftlog/erasure-sweep`, { method: 'POST' });
    expect(fired.status).toBe(202);
    await eventually(() => nothingLeftOf(orphan, []), { intervalMs: 250 });
  });
});
