/** Shared items: POST /shareditem and GET /shareditem/{id}. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
let alice: Identity;
beforeAll(async () => {
  h = await startLiftlog();
  alice = await h.app.createUser();
});
afterAll(() => h?.stop());

const share = (user: Identity, payload: { encryptedPayload?: string; iv?: string } = {}, extra: Record<string, unknown> = {}) =>
  h.app.send('POST', '/shareditem', {
    userId: user.id,
    password: user.password,
    encryptedPayload: { encryptedPayload: payload.encryptedPayload ?? randomB64(512), iv: { value: payload.iv ?? randomB64(16) } },
    expiry: new Date(Date.now() + 86_400_000).toISOString(),
    ...extra,
  });

describe('POST /shareditem', () => {
  it('answers the new item id, a 12-character CUID2', async () => {
    const reply = await share(alice);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['id']);
    expect(reply.body.id).toMatch(/^[a-z0-9]{12}$/);
  });

  it('answers 401, not 404, for an unknown user', async () => {
    expect((await share({ ...alice, id: crypto.randomUUID() })).status).toBe(401);
  });

  it('answers 401 for a wrong password and 400 for one over 40 characters', async () => {
    expect((await share({ ...alice, password: crypto.randomUUID() })).status).toBe(401);
    expect((await share({ ...alice, password: 'x'.repeat(41) })).status).toBe(400);
  });

  it('accepts a payload of 20480 bytes and refuses 20481', async () => {
    expect((await share(alice, { encryptedPayload: randomB64(20_480) })).status).toBe(200);
    expect((await share(alice, { encryptedPayload: randomB64(20_481) })).status).toBe(400);
  });

  it('requires an IV of exactly 16 bytes', async () => {
    expect((await share(alice, { iv: randomB64(15) })).status).toBe(400);
    expect((await share(alice, { iv: randomB64(17) })).status).toBe(400);
    expect((await share(alice, {}, { encryptedPayload: { encryptedPayload: randomB64(8) } })).status).toBe(400);
  });

  it('requires an expiry and the payload object', async () => {
    expect((await share(alice, {}, { expiry: undefined })).status).toBe(400);
    expect((await share(alice, {}, { encryptedPayload: null })).status).toBe(400);
  });

  it('matches nested member names case-insensitively', async () => {
    const payload = randomB64(64);
    const iv = randomB64(16);
    const reply = await h.app.send('POST', '/shareditem', {
      UserId: alice.id,
      PASSWORD: alice.password,
      EncryptedPayload: { EncryptedPayload: payload, IV: { Value: iv } },
      Expiry: '2030-01-01T00:00:00+10:00',
    });
    expect(reply.status).toBe(200);
    expect((await h.app.send('GET', `/shareditem/${reply.body.id}`)).body.encryptedPayload).toEqual({ encryptedPayload: payload, iv: { value: iv } });
  });
});

describe('GET /shareditem/{id}', () => {
  it('answers the payload with the owner’s current public key, and stays readable past its expiry', async () => {
    const payload = randomB64(300);
    const iv = randomB64(16);
    const created = await share(alice, { encryptedPayload: payload, iv }, { expiry: '2001-01-01T00:00:00Z' });
    const key = randomB64(294);
    await h.app.send('PUT', '/user', { id: alice.id, password: alice.password, encryptionIV: randomB64(16), rsaPublicKey: key });
    const reply = await h.app.send('GET', `/shareditem/${created.body.id}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ rsaPublicKey: { spkiPublicKeyBytes: key }, encryptedPayload: { encryptedPayload: payload, iv: { value: iv } } });
  });

  it('answers 404 for an unknown id', async () => {
    for (const id of ['abcdefghijkl', 'x', crypto.randomUUID()]) expect((await h.app.send('GET', `/shareditem/${id}`)).status).toBe(404);
  });
});
