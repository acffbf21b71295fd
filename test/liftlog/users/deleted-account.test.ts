/**
 * A deleted account is unreadable through every route as soon as
 * POST /user/delete answers, however long its erasure takes. Here the
 * erasure job is lost (its queue is unreachable), so the account's follow
 * secrets, events, shared items and picture all stay stored, and none of
 * them may be served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  // Every enqueue of an erasure fails: the job is lost, as after a crash.
  h = await startLiftlog({ environment: { QUEUE_URL_USER_ERASURE: 'http://127.0.0.1:9/000000000000/lost' } });
});
afterAll(() => h?.stop());

const LONG_AGO = '2000-01-01T00:00:00Z';

describe('POST /user/delete with its erasure job lost', () => {
  it('leaves nothing of the account readable: feed, profile, profiles, shared items, inbox', async () => {
    const doomed: Identity = await h.app.createUser();
    const auth = { userId: doomed.id, password: doomed.password };
    const followSecret = crypto.randomUUID();
    expect((await h.app.send('PUT', '/follow-secret', { ...auth, followSecret })).status).toBe(200);
    const picture = randomB64(100_000);
    expect(
      (
        await h.app.send('PUT', '/user', {
          id: doomed.id,
          password: doomed.password,
          encryptedProfilePicture: picture,
          encryptionIV: randomB64(16),
          rsaPublicKey: randomB64(294),
        })
      ).status,
    ).toBe(200);
    const event = {
      ...auth,
      eventId: crypto.randomUUID(),
      encryptedEventPayload: randomB64(64),
      encryptedEventIV: randomB64(16),
      expiry: '2099-01-01T00:00:00Z',
    };
    expect((await h.app.send('PUT', '/event', event)).status).toBe(200);
    const shared = await h.app.send('POST', '/shareditem', {
      ...auth,
      encryptedPayload: { encryptedPayload: randomB64(64), iv: { value: randomB64(16) } },
      expiry: '2099-01-01T00:00:00Z',
    });
    expect(shared.status).toBe(200);
    const feed = () => h.app.send('POST', '/events', { users: [{ userId: doomed.id, followSecret, since: LONG_AGO }] });
    expect((await feed()).body.events).toHaveLength(1);

    expect((await h.app.send('POST', '/user/delete', { id: doomed.id, password: doomed.password })).status).toBe(200);

    // What the erasure would remove is all still stored...
    const stored = (await h.table.partition(`USER#${doomed.id}`)).map((item) => String(item.sk).split('#')[0]).sort();
    expect(stored).toEqual(['EVENT', 'FOLLOW', 'SHARED']);
    expect(await h.table.partition('ERASURE')).toHaveLength(1);
    // ...and none of it is served.
    expect((await feed()).body).toEqual({ events: [], invalidFollowSecrets: [followSecret] });
    expect((await h.app.send('GET', `/user/${doomed.id}`)).status).toBe(404);
    expect((await h.app.send('GET', `/user/${doomed.lookup}`)).status).toBe(404);
    expect((await h.app.send('POST', '/users', { ids: [doomed.id] })).body).toEqual({ users: {} });
    expect((await h.app.send('GET', `/shareditem/${shared.body.id}`)).status).toBe(404);
    expect((await h.app.send('PUT', '/inbox', { toUserId: doomed.id, encryptedMessage: [randomB64(16)] })).status).toBe(404);
    expect((await h.app.send('POST', '/inbox', { userId: doomed.id, password: doomed.password })).status).toBe(404);
  });

  it('keeps answering the feed of a live account followed in the same request', async () => {
    const [live, gone] = await Promise.all([h.app.createUser(), h.app.createUser()]);
    const secrets = { live: crypto.randomUUID(), gone: crypto.randomUUID() };
    for (const [user, secret] of [
      [live, secrets.live],
      [gone, secrets.gone],
    ] as const) {
      expect((await h.app.send('PUT', '/follow-secret', { userId: user.id, password: user.password, followSecret: secret })).status).toBe(200);
      const event = {
        userId: user.id,
        password: user.password,
        eventId: crypto.randomUUID(),
        encryptedEventPayload: randomB64(64),
        encryptedEventIV: randomB64(16),
        expiry: '2099-01-01T00:00:00Z',
      };
      expect((await h.app.send('PUT', '/event', event)).status).toBe(200);
    }
    expect((await h.app.send('POST', '/user/delete', { id: gone.id, password: gone.password })).status).toBe(200);

    const reply = await h.app.send('POST', '/events', {
      users: [
        { userId: live.id, followSecret: secrets.live, since: LONG_AGO },
        { userId: gone.id, followSecret: secrets.gone, since: LONG_AGO },
      ],
    });
    expect(reply.body.events.map((e: { userId: string }) => e.userId)).toEqual([live.id]);
    expect(reply.body.invalidFollowSecrets).toEqual([secrets.gone]);
  });
});
