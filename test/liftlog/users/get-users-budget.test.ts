/**
 * POST /users answers within a budget (5 MB of JSON, well inside Lambda's
 * 6 MB response limit): ids asked twice are answered once, users come in the
 * order asked, each with its picture while that still fits, later ones with
 * `encryptedProfilePicture: null`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

const BUDGET = 5_000_000;
const LARGEST_PICTURE = 2_048_000;

let h: LiftlogHarness;
let users: Identity[];
const pictures = new Map<string, string>();

beforeAll(async () => {
  h = await startLiftlog();
  users = await Promise.all([h.app.createUser(), h.app.createUser(), h.app.createUser()]);
  for (const user of users) {
    const picture = randomB64(LARGEST_PICTURE - 3);
    pictures.set(user.id, picture);
    const reply = await h.app.send('PUT', '/user', {
      id: user.id,
      password: user.password,
      encryptedProfilePicture: picture,
      encryptionIV: randomB64(16),
      rsaPublicKey: randomB64(294),
    });
    expect(reply.status).toBe(200);
  }
});
afterAll(() => h?.stop());

describe('POST /users answer budget', () => {
  it('answers three users with pictures near the 2 MB cap within 5 MB: the first asked with its picture, the others without', async () => {
    const ids = [users[2].id, users[0].id, users[1].id];
    const reply = await h.app.send('POST', '/users', { ids });
    expect(reply.status).toBe(200);
    expect(reply.text.length).toBeLessThanOrEqual(BUDGET);
    expect(Object.keys(reply.body.users).sort()).toEqual([...ids].sort());
    expect(reply.body.users[ids[0]].encryptedProfilePicture).toBe(pictures.get(ids[0]));
    for (const id of ids.slice(1)) {
      expect(reply.body.users[id]).toMatchObject({ id, encryptedProfilePicture: null });
      expect(reply.body.users[id].rsaPublicKey).not.toBe('');
    }
  });

  it('answers the same id asked 200 times once, with its picture', async () => {
    const reply = await h.app.send('POST', '/users', { ids: Array.from({ length: 200 }, () => users[0].id) });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body.users)).toEqual([users[0].id]);
    expect(reply.body.users[users[0].id].encryptedProfilePicture).toBe(pictures.get(users[0].id));
    expect(reply.text.length).toBeLessThan(LARGEST_PICTURE * 1.4);
  });

  it('answers ids in any case as one user', async () => {
    const reply = await h.app.send('POST', '/users', { ids: [users[1].id, users[1].id.toUpperCase()] });
    expect(Object.keys(reply.body.users)).toEqual([users[1].id]);
    expect(reply.body.users[users[1].id].encryptedProfilePicture).toBe(pictures.get(users[1].id));
  });
});
