/**
 * The spec's "minimum flow", run as the app runs it, with the app's real
 * client-side cryptography: the server stores and returns ciphertext byte for
 * byte, and each side decrypts what the other encrypted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64, eventually, fromB64, LiftlogApp, startLiftlog, type Identity, type LiftlogHarness } from './app-client.ts';
import {
  decryptAndVerify,
  decryptRsaOaep,
  encryptRsaOaep,
  fromJsonBytes,
  generateAesKey,
  generateRsaKeys,
  jsonBytes,
  signAndEncrypt,
  signRsaPss,
  verifyRsaPss,
  type RsaKeyPair,
} from './app-crypto.ts';

// LIFTLOG_URL runs the flow against an instance already running (`npm start`, or a deployment's BaseUrl).
let h: Pick<LiftlogHarness, 'app'> & Partial<Pick<LiftlogHarness, 'table' | 'stop'>>;
beforeAll(async () => {
  h = process.env.LIFTLOG_URL ? { app: new LiftlogApp(process.env.LIFTLOG_URL) } : await startLiftlog();
});
afterAll(() => h?.stop?.());

interface Device {
  identity: Identity;
  aesKey: Uint8Array;
  rsa: RsaKeyPair;
}

async function newDevice(): Promise<Device> {
  const [identity, aesKey, rsa] = await Promise.all([h.app.createUser(), generateAesKey(), generateRsaKeys()]);
  return { identity, aesKey, rsa };
}

/** An inbox message as the app sends it: signed by the sender, RSA-OAEP encrypted to the recipient. */
async function sendInboxMessage(from: Device, toId: string, toPublicKey: Uint8Array, type: string, payload: unknown) {
  const unsigned = { type, payloadJson: JSON.stringify(payload), senderUserId: from.identity.id };
  const signature = await signRsaPss(jsonBytes({ ...unsigned, toUserId: toId }), from.rsa);
  const chunks = await encryptRsaOaep(jsonBytes({ ...unsigned, signature: b64(signature) }), toPublicKey);
  return { chunks, reply: await h.app.send('PUT', '/inbox', { toUserId: toId, encryptedMessage: chunks.map(b64) }) };
}

async function openInboxMessage(to: Device, message: { encryptedMessage: string[] }, senderPublicKey: Uint8Array) {
  const opened = fromJsonBytes<{ type: string; payloadJson: string; senderUserId: string; signature: string }>(
    await decryptRsaOaep(message.encryptedMessage.map(fromB64), to.rsa),
  );
  const { signature, ...unsigned } = opened;
  const valid = await verifyRsaPss(jsonBytes({ ...unsigned, toUserId: to.identity.id }), fromB64(signature), senderPublicKey);
  return { ...opened, valid, payload: JSON.parse(opened.payloadJson) };
}

describe('Minimum flow a real client runs', () => {
  it('runs create → profile → lookup → inbox → follow → event → feed → users → revoke → share → delete → health', async () => {
    // create, and each side publishes its encrypted profile (PUT /user).
    const [alice, bob] = await Promise.all([newDevice(), newDevice()]);
    expect(alice.identity.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(alice.identity.lookup).toMatch(/^[a-z0-9]{12}$/);
    const aliceName = await signAndEncrypt(new TextEncoder().encode('Alice'), alice.aesKey, alice.rsa);
    const alicePlan = await signAndEncrypt(jsonBytes({ name: '5x5', sessions: [] }), alice.aesKey, alice.rsa, aliceName.iv);
    const putAlice = await h.app.send('PUT', '/user', {
      id: alice.identity.id,
      password: alice.identity.password,
      encryptedCurrentPlan: b64(alicePlan.encryptedPayload),
      encryptedName: b64(aliceName.encryptedPayload),
      encryptionIV: b64(aliceName.iv),
      rsaPublicKey: b64(alice.rsa.spkiPublicKeyBytes),
    });
    expect(putAlice).toMatchObject({ status: 200, text: '' });
    const putBob = await h.app.send('PUT', '/user', {
      id: bob.identity.id,
      password: bob.identity.password,
      encryptionIV: b64(crypto.getRandomValues(new Uint8Array(16))),
      rsaPublicKey: b64(bob.rsa.spkiPublicKeyBytes),
    });
    expect(putBob.status).toBe(200);

    // Bob opens Alice's share link: GET /user/{lookup}.
    const found = await h.app.send('GET', `/user/${alice.identity.lookup}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({
      id: alice.identity.id,
      lookup: alice.identity.lookup,
      encryptedCurrentPlan: b64(alicePlan.encryptedPayload),
      encryptedProfilePicture: null,
      encryptedName: b64(aliceName.encryptedPayload),
      encryptionIV: b64(aliceName.iv),
      rsaPublicKey: b64(alice.rsa.spkiPublicKeyBytes),
    });
    const alicePublicKey = fromB64(found.body.rsaPublicKey);

    // Bob asks to follow: PUT /inbox; Alice reads it once: POST /inbox.
    const request = await sendInboxMessage(bob, alice.identity.id, alicePublicKey, 'FollowRequest', { name: 'Bob' });
    expect(request.reply).toMatchObject({ status: 200, text: '' });
    const aliceInbox = await h.app.send('POST', '/inbox', { userId: alice.identity.id, password: alice.identity.password });
    expect(aliceInbox.status).toBe(200);
    expect(aliceInbox.body.inboxMessages).toHaveLength(1);
    expect(aliceInbox.body.inboxMessages[0].encryptedMessage).toEqual(request.chunks.map(b64));
    const followRequest = await openInboxMessage(alice, aliceInbox.body.inboxMessages[0], bob.rsa.spkiPublicKeyBytes);
    expect(followRequest).toMatchObject({ type: 'FollowRequest', senderUserId: bob.identity.id, valid: true, payload: { name: 'Bob' } });
    const again = await h.app.send('POST', '/inbox', { userId: alice.identity.id, password: alice.identity.password });
    expect(again.body).toEqual({ inboxMessages: [] });

    // Alice accepts: PUT /follow-secret, and sends Bob her AES key and the secret.
    const followSecret = crypto.randomUUID();
    const putSecret = await h.app.send('PUT', '/follow-secret', { userId: alice.identity.id, password: alice.identity.password, followSecret });
    expect(putSecret).toMatchObject({ status: 200, text: '' });
    const acceptance = { response: { type: 'AcceptedFollowResponse', aesKey: b64(alice.aesKey), followSecret } };
    await sendInboxMessage(alice, bob.identity.id, bob.rsa.spkiPublicKeyBytes, 'FollowResponse', acceptance);
    const bobInbox = await h.app.send('POST', '/inbox', { userId: bob.identity.id, password: bob.identity.password });
    const accepted = await openInboxMessage(bob, bobInbox.body.inboxMessages[0], alicePublicKey);
    expect(accepted.valid).toBe(true);
    const sharedAesKey = fromB64(accepted.payload.response.aesKey);

    // Alice publishes a session: PUT /event.
    const session = { type: 'SessionUserEvent', session: { id: crypto.randomUUID(), exercises: ['Squat 5x5 100kg'] } };
    const sealed = await signAndEncrypt(jsonBytes(session), alice.aesKey, alice.rsa);
    const eventId = crypto.randomUUID();
    const expiry = new Date(Date.now() + 90 * 24 * 3600_000).toISOString();
    const publishedAt = Date.now();
    const putEvent = await h.app.send('PUT', '/event', {
      userId: alice.identity.id,
      password: alice.identity.password,
      eventId,
      encryptedEventPayload: b64(sealed.encryptedPayload),
      encryptedEventIV: b64(sealed.iv),
      expiry,
    });
    expect(putEvent).toMatchObject({ status: 200, text: '' });

    // Bob reads his feed: POST /events (since), and the profiles: POST /users.
    const since = '2000-01-01T00:00:00Z';
    const feed = await h.app.send('POST', '/events', { users: [{ userId: alice.identity.id, followSecret, since }] });
    expect(feed.status).toBe(200);
    expect(feed.body.invalidFollowSecrets).toEqual([]);
    expect(feed.body.events).toHaveLength(1);
    const [event] = feed.body.events;
    expect(event).toEqual({
      userId: alice.identity.id,
      eventId,
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      encryptedEventPayload: b64(sealed.encryptedPayload),
      encryptedEventIV: b64(sealed.iv),
      expiry,
    });
    expect(Date.parse(event.timestamp)).toBeGreaterThanOrEqual(publishedAt - 1000);
    const opened = await decryptAndVerify(
      { encryptedPayload: fromB64(event.encryptedEventPayload), iv: fromB64(event.encryptedEventIV) },
      sharedAesKey,
      alicePublicKey,
    );
    expect(fromJsonBytes(opened)).toEqual(session);
    const nothingNewer = await h.app.send('POST', '/events', { users: [{ userId: alice.identity.id, followSecret, since: event.timestamp }] });
    expect(nothingNewer.body).toEqual({ events: [], invalidFollowSecrets: [] });

    const users = await h.app.send('POST', '/users', { ids: [alice.identity.id] });
    expect(users.status).toBe(200);
    expect(Object.keys(users.body.users)).toEqual([alice.identity.id]);
    const profile = users.body.users[alice.identity.id];
    const name = await decryptAndVerify({ encryptedPayload: fromB64(profile.encryptedName), iv: fromB64(profile.encryptionIV) }, sharedAesKey, alicePublicKey);
    expect(new TextDecoder().decode(name)).toBe('Alice');

    // Alice revokes Bob: POST /follow-secret/delete; the secret is now invalid.
    const revoke = await h.app.send('POST', '/follow-secret/delete', { userId: alice.identity.id, password: alice.identity.password, followSecret });
    expect(revoke).toMatchObject({ status: 200, text: '' });
    const revoked = await h.app.send('POST', '/events', { users: [{ userId: alice.identity.id, followSecret, since }] });
    expect(revoked.body).toEqual({ events: [], invalidFollowSecrets: [followSecret] });

    // Alice shares a plan: POST /shareditem; anyone with the link reads it: GET /shareditem/{id}.
    const plan = { name: 'Shared 5x5', sessions: [{ name: 'A' }] };
    const sharedSealed = await signAndEncrypt(jsonBytes(plan), alice.aesKey, alice.rsa);
    const share = await h.app.send('POST', '/shareditem', {
      userId: alice.identity.id,
      password: alice.identity.password,
      encryptedPayload: { encryptedPayload: b64(sharedSealed.encryptedPayload), iv: { value: b64(sharedSealed.iv) } },
      expiry,
    });
    expect(share.status).toBe(200);
    expect(share.body.id).toMatch(/^[a-z0-9]{12}$/);
    const shared = await h.app.send('GET', `/shareditem/${share.body.id}`);
    expect(shared.body).toEqual({
      rsaPublicKey: { spkiPublicKeyBytes: b64(alice.rsa.spkiPublicKeyBytes) },
      encryptedPayload: { encryptedPayload: b64(sharedSealed.encryptedPayload), iv: { value: b64(sharedSealed.iv) } },
    });
    const sharedPlan = await decryptAndVerify(
      { encryptedPayload: fromB64(shared.body.encryptedPayload.encryptedPayload), iv: fromB64(shared.body.encryptedPayload.iv.value) },
      alice.aesKey,
      fromB64(shared.body.rsaPublicKey.spkiPublicKeyBytes),
    );
    expect(fromJsonBytes(sharedPlan)).toEqual(plan);

    // Alice deletes her account: POST /user/delete; it is gone at once, and everything she owned soon after.
    const deleted = await h.app.send('POST', '/user/delete', { id: alice.identity.id, password: alice.identity.password });
    expect(deleted).toMatchObject({ status: 200, text: '' });
    expect((await h.app.send('GET', `/user/${alice.identity.id}`)).status).toBe(404);
    expect((await h.app.send('GET', `/user/${alice.identity.lookup}`)).status).toBe(404);
    // A running instance is only seen through its API; in-process, the table is checked too.
    await eventually(
      async () =>
        (await h.app.send('GET', `/shareditem/${share.body.id}`)).status === 404 &&
        (!h.table || (await h.table.itemsMentioning(alice.identity.id)).length === 0),
    );

    const health = await fetch(`${h.app.baseUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('healthy');
  });
});
