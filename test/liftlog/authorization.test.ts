/**
 * Per-object authorization: a caller who knows another user's id but only
 * their own password can neither read nor change that user's private data,
 * on any authenticated endpoint; a follow secret opens only its owner's feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from './app-client.ts';

let h: LiftlogHarness;
let mallory: Identity;
let victim: Identity;
let victimSecret: string;
let victimName: string;
beforeAll(async () => {
  h = await startLiftlog();
  [mallory, victim] = await Promise.all([h.app.createUser(), h.app.createUser()]);
  victimSecret = crypto.randomUUID();
  victimName = randomB64(32);
  await h.app.send('PUT', '/user', { id: victim.id, password: victim.password, encryptedName: victimName, encryptionIV: randomB64(16), rsaPublicKey: randomB64(294) });
  await h.app.send('PUT', '/follow-secret', { userId: victim.id, password: victim.password, followSecret: victimSecret });
  await h.app.send('PUT', '/inbox', { toUserId: victim.id, encryptedMessage: [randomB64(16)] });
});
afterAll(() => h?.stop());

const victimStored = async () => (await h.table.partition(`USER#${victim.id}`)).map((item) => `${item.sk}:${JSON.stringify(item)}`).sort();

describe('another user’s id with one’s own password', () => {
  // Bodies are built when each test runs, after the users exist.
  const cases: Array<[string, string, () => Record<string, unknown>]> = [
    ['PUT', '/user', () => ({ id: victim.id, password: mallory.password, encryptedName: randomB64(8), encryptionIV: randomB64(16), rsaPublicKey: randomB64(8) })],
    ['POST', '/user/delete', () => ({ id: victim.id, password: mallory.password })],
    ['PUT', '/event', () => ({ userId: victim.id, password: mallory.password, eventId: crypto.randomUUID(), encryptedEventPayload: randomB64(32), encryptedEventIV: randomB64(16), expiry: '2099-01-01T00:00:00Z' })],
    ['POST', '/inbox', () => ({ userId: victim.id, password: mallory.password })],
    ['PUT', '/follow-secret', () => ({ userId: victim.id, password: mallory.password, followSecret: 'mallory-reads-victim' })],
    ['POST', '/follow-secret/delete', () => ({ userId: victim.id, password: mallory.password, followSecret: victimSecret })],
    ['POST', '/shareditem', () => ({ userId: victim.id, password: mallory.password, encryptedPayload: { encryptedPayload: randomB64(8), iv: { value: randomB64(16) } }, expiry: '2099-01-01T00:00:00Z' })],
  ];

  for (const [method, path, body] of cases) {
    it(`answers 401 on ${method} ${path} and changes nothing of the victim’s`, async () => {
      const before = await victimStored();
      const reply = await h.app.send(method, path, body());
      expect(reply.status).toBe(401);
      expect(reply.text).toBe('');
      expect(await victimStored()).toEqual(before);
    });
  }

  it('leaves the victim’s profile, inbox and follow secret as they were', async () => {
    expect((await h.app.send('GET', `/user/${victim.id}`)).body.encryptedName).toBe(victimName);
    const feed = await h.app.send('POST', '/events', { users: [{ userId: victim.id, followSecret: victimSecret, since: '2000-01-01T00:00:00Z' }] });
    expect(feed.body.invalidFollowSecrets).toEqual([]);
    const inbox = await h.app.send('POST', '/inbox', { userId: victim.id, password: victim.password });
    expect(inbox.body.inboxMessages).toHaveLength(1);
  });
});

describe('follow secrets as read capabilities', () => {
  it('never lets a secret registered by one user read another user’s events', async () => {
    const malloryOwn = crypto.randomUUID();
    await h.app.send('PUT', '/follow-secret', { userId: mallory.id, password: mallory.password, followSecret: malloryOwn });
    await h.app.send('PUT', '/event', {
      userId: victim.id,
      password: victim.password,
      eventId: crypto.randomUUID(),
      encryptedEventPayload: randomB64(32),
      encryptedEventIV: randomB64(16),
      expiry: '2099-01-01T00:00:00Z',
    });
    const reply = await h.app.send('POST', '/events', { users: [{ userId: victim.id, followSecret: malloryOwn, since: '2000-01-01T00:00:00Z' }] });
    expect(reply.body).toEqual({ events: [], invalidFollowSecrets: [malloryOwn] });
  });
});
