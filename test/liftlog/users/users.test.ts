/** Identities and profiles: POST /user/create, GET /user/{idOrLookup}, PUT /user, POST /users, POST /user/delete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
let alice: Identity;
beforeAll(async () => {
  h = await startLiftlog();
  alice = await h.app.createUser();
});
afterAll(() => h?.stop());

const putUser = (user: Identity, fields: Record<string, unknown> = {}) =>
  h.app.send('PUT', '/user', { id: user.id, password: user.password, encryptionIV: randomB64(16), rsaPublicKey: randomB64(294), ...fields });
const getUser = async (idOrLookup: string) => (await h.app.send('GET', `/user/${idOrLookup}`)).body;

describe('POST /user/create', () => {
  it('issues a lowercase v4 GUID id, a 12-character CUID2 lookup and a GUID password', async () => {
    const reply = await h.app.send('POST', '/user/create', {});
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['id', 'lookup', 'password']);
    expect(reply.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(reply.body.lookup).toMatch(/^[a-z][a-z0-9]{11}$/);
    expect(reply.body.password).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('stores only a PBKDF2-HMAC-SHA512 hash (350,000 rounds, 64-byte salt and key) of the password', async () => {
    const [profile] = (await h.table.partition(`USER#${alice.id}`)).filter((item) => item.sk === 'PROFILE');
    const [, digest, rounds, salt, key] = String(profile.passwordHash).split('$');
    expect([digest, rounds]).toEqual(['pbkdf2-sha512', 'i=350000']);
    expect(Buffer.from(salt, 'base64')).toHaveLength(64);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(await h.table.itemsMentioning(alice.password)).toEqual([]);
  });

  it('gives every user a distinct lookup that finds them', async () => {
    const bob = await h.app.createUser();
    expect(bob.lookup).not.toBe(alice.lookup);
    expect((await getUser(bob.lookup)).id).toBe(bob.id);
  });
});

describe('GET /user/{idOrLookup}', () => {
  it('writes nulls and empty IV and key for a user who has not published a profile', async () => {
    const fresh = await h.app.createUser();
    const reply = await h.app.send('GET', `/user/${fresh.id}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"encryptedCurrentPlan":null');
    expect(reply.body).toEqual({
      id: fresh.id,
      lookup: fresh.lookup,
      encryptedCurrentPlan: null,
      encryptedProfilePicture: null,
      encryptedName: null,
      encryptionIV: '',
      rsaPublicKey: '',
    });
  });

  it('finds a user by id in any case and by lookup', async () => {
    expect((await getUser(alice.id.toUpperCase())).id).toBe(alice.id);
    expect((await getUser(alice.lookup)).id).toBe(alice.id);
  });

  it('answers 404 for an unknown id, an unknown lookup and anything else', async () => {
    for (const idOrLookup of [crypto.randomUUID(), 'abcdefghijkl', 'x', 'a%23b']) {
      expect((await h.app.send('GET', `/user/${idOrLookup}`)).status).toBe(404);
    }
  });
});

describe('PUT /user', () => {
  it('stores the five fields byte for byte and answers 200 with an empty body', async () => {
    const fields = {
      encryptedCurrentPlan: randomB64(15_360),
      encryptedProfilePicture: randomB64(1000),
      encryptedName: randomB64(2_048),
      encryptionIV: randomB64(16),
      rsaPublicKey: randomB64(294),
    };
    const reply = await putUser(alice, fields);
    expect(reply).toMatchObject({ status: 200, text: '' });
    expect(await getUser(alice.id)).toEqual({ id: alice.id, lookup: alice.lookup, ...fields });
  });

  it('clears every field left out or sent as null', async () => {
    await putUser(alice, { encryptedCurrentPlan: randomB64(10), encryptedName: randomB64(10) });
    await putUser(alice, { encryptedCurrentPlan: null, encryptionIV: null, rsaPublicKey: null });
    expect(await getUser(alice.id)).toMatchObject({ encryptedCurrentPlan: null, encryptedName: null, encryptionIV: '', rsaPublicKey: '' });
  });

  it('matches member names case-insensitively', async () => {
    const name = randomB64(32);
    const reply = await h.app.send('PUT', '/user', {
      ID: alice.id,
      Password: alice.password,
      ENCRYPTEDNAME: name,
      encryptionIv: randomB64(16),
      RsaPublicKey: randomB64(8),
    });
    expect(reply.status).toBe(200);
    expect((await getUser(alice.id)).encryptedName).toBe(name);
  });

  it('accepts a plan of 15360 bytes, a name of 2048 and a picture of 2,048,000, and refuses one byte more', async () => {
    expect((await putUser(alice, { encryptedCurrentPlan: randomB64(15_361) })).status).toBe(400);
    expect((await putUser(alice, { encryptedName: randomB64(2_049) })).status).toBe(400);
    expect((await putUser(alice, { encryptedProfilePicture: randomB64(2_048_001) })).status).toBe(400);
    const picture = randomB64(2_048_000);
    expect((await putUser(alice, { encryptedProfilePicture: picture })).status).toBe(200);
    expect((await getUser(alice.id)).encryptedProfilePicture).toBe(picture);
    expect((await h.app.send('POST', '/users', { ids: [alice.id] })).body.users[alice.id].encryptedProfilePicture).toBe(picture);
  });

  it('keeps a large picture out of the table and drops its object when replaced', async () => {
    await putUser(alice, { encryptedProfilePicture: randomB64(200_000) });
    const [profile] = (await h.table.partition(`USER#${alice.id}`)).filter((item) => item.sk === 'PROFILE');
    expect(profile.encryptedProfilePicture).toBeUndefined();
    expect(await h.pictureObjects(`${alice.id}/`)).toEqual([profile.profilePictureObject]);
    const small = randomB64(100);
    await putUser(alice, { encryptedProfilePicture: small });
    expect((await getUser(alice.id)).encryptedProfilePicture).toBe(small);
    expect(await h.pictureObjects(`${alice.id}/`)).toEqual([]);
  });

  it('refuses invalid base64 and oversized keys with 400', async () => {
    expect((await putUser(alice, { encryptedName: 'abc' })).status).toBe(400);
    expect((await putUser(alice, { encryptedName: 'YWJj\n' })).status).toBe(400);
    expect((await putUser(alice, { rsaPublicKey: randomB64(4_097) })).status).toBe(400);
    expect((await putUser(alice, { encryptionIV: randomB64(1_025) })).status).toBe(400);
  });

  it('answers 404 for an unknown user and 401 for a wrong password', async () => {
    expect((await putUser({ ...alice, id: crypto.randomUUID() })).status).toBe(404);
    expect((await putUser({ ...alice, password: crypto.randomUUID() })).status).toBe(401);
  });
});

describe('POST /users', () => {
  it('answers the known users by id and leaves unknown ids out', async () => {
    const unknown = crypto.randomUUID();
    const reply = await h.app.send('POST', '/users', { ids: [alice.id, unknown] });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.users)).toEqual([alice.id]);
    expect(reply.body.users[alice.id]).toEqual(await getUser(alice.id));
  });

  it('accepts 1 to 200 ids and refuses 0, 201 or a bad GUID', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());
    expect((await h.app.send('POST', '/users', { ids: ids(200) })).body).toEqual({ users: {} });
    expect((await h.app.send('POST', '/users', { ids: [] })).status).toBe(400);
    expect((await h.app.send('POST', '/users', { ids: ids(201) })).status).toBe(400);
    expect((await h.app.send('POST', '/users', { ids: ['nope'] })).status).toBe(400);
  });
});

describe('POST /user/delete', () => {
  it('refuses a password over 40 characters with 400, a wrong one with 401, an unknown user with 404', async () => {
    expect((await h.app.send('POST', '/user/delete', { id: alice.id, password: 'x'.repeat(41) })).status).toBe(400);
    expect((await h.app.send('POST', '/user/delete', { id: alice.id, password: 'x'.repeat(40) })).status).toBe(401);
    expect((await h.app.send('POST', '/user/delete', { id: crypto.randomUUID(), password: alice.password })).status).toBe(404);
    expect((await getUser(alice.id)).id).toBe(alice.id);
  });

  it('deletes the account at once: every authenticated call now answers 404, the lookup is free', async () => {
    const gone = await h.app.createUser();
    expect((await h.app.send('POST', '/user/delete', { id: gone.id, password: gone.password })).status).toBe(200);
    expect((await h.app.send('GET', `/user/${gone.id}`)).status).toBe(404);
    expect((await h.app.send('GET', `/user/${gone.lookup}`)).status).toBe(404);
    expect((await putUser(gone)).status).toBe(404);
    expect((await h.app.send('POST', '/user/delete', { id: gone.id, password: gone.password })).status).toBe(404);
    expect(await h.table.partition(`LOOKUP#${gone.lookup}`)).toEqual([]);
  });
});
