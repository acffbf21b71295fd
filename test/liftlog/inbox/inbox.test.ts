/** Inboxes: PUT /inbox (anyone → a user), POST /inbox (the owner takes and deletes, read-once). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomB64, startLiftlog, type Identity, type LiftlogHarness } from '../app-client.ts';

let h: LiftlogHarness;
let alice: Identity;
beforeAll(async () => {
  h = await startLiftlog();
  alice = await h.app.createUser();
});
afterAll(() => h?.stop());

const put = (toUserId: string, encryptedMessage: unknown) => h.app.send('PUT', '/inbox', { toUserId, encryptedMessage });
const take = (user: Identity) => h.app.send('POST', '/inbox', { userId: user.id, password: user.password });
const chunks = (count: number, bytes = 256) => Array.from({ length: count }, () => randomB64(bytes));

describe('PUT /inbox', () => {
  it('delivers without authentication and answers 200 with an empty body', async () => {
    const reply = await put(alice.id, chunks(2));
    expect(reply).toMatchObject({ status: 200, text: '' });
    await take(alice);
  });

  it('answers 404 for an unknown recipient and stores nothing', async () => {
    const nobody = crypto.randomUUID();
    expect((await put(nobody, chunks(1))).status).toBe(404);
    expect(await h.table.partition(`USER#${nobody}`)).toEqual([]);
  });

  it('accepts 1 to 20 chunks and refuses 0 or 21', async () => {
    expect((await put(alice.id, chunks(1))).status).toBe(200);
    expect((await put(alice.id, chunks(20))).status).toBe(200);
    expect((await put(alice.id, [])).status).toBe(400);
    expect((await put(alice.id, chunks(21))).status).toBe(400);
    await take(alice);
  });

  it('accepts chunks of up to 1024 bytes and refuses 1025', async () => {
    expect((await put(alice.id, [randomB64(1024), ''])).status).toBe(200);
    const over = await put(alice.id, [randomB64(1024), randomB64(1025)]);
    expect(over.status).toBe(400);
    expect(over.body.errors).toHaveProperty(['encryptedMessage.1']);
    await take(alice);
  });

  it('refuses a bad GUID, invalid base64 and a missing message with 400', async () => {
    expect((await put('alice', chunks(1))).status).toBe(400);
    expect((await put(alice.id, ['not base64!'])).status).toBe(400);
    expect((await put(alice.id, 'AAAA')).status).toBe(400);
    expect((await h.app.send('PUT', '/inbox', { toUserId: alice.id })).status).toBe(400);
  });
});

describe('POST /inbox', () => {
  it('returns the messages byte for byte and deletes them (read-once)', async () => {
    const sent = [chunks(3), chunks(1, 1024)];
    for (const message of sent) await put(alice.id, message);
    const first = await take(alice);
    expect(first.status).toBe(200);
    expect(first.body.inboxMessages.map((m: { encryptedMessage: string[] }) => m.encryptedMessage)).toEqual(sent);
    for (const message of first.body.inboxMessages) expect(message.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await take(alice)).body).toEqual({ inboxMessages: [] });
  });

  it('answers 404 for an unknown user, 401 for a wrong password, 400 for a password over 40 characters', async () => {
    expect((await h.app.send('POST', '/inbox', { userId: crypto.randomUUID(), password: alice.password })).status).toBe(404);
    expect((await h.app.send('POST', '/inbox', { userId: alice.id, password: crypto.randomUUID() })).status).toBe(401);
    expect((await h.app.send('POST', '/inbox', { userId: alice.id, password: 'x'.repeat(41) })).status).toBe(400);
    expect((await h.app.send('POST', '/inbox', { userId: alice.id, password: '' })).status).toBe(400);
  });

  it('never returns a message twice nor loses one when five takes run at once', async () => {
    const sent = Array.from({ length: 20 }, () => chunks(1, 32));
    await Promise.all(sent.map((message) => put(alice.id, message)));
    const replies = await Promise.all(Array.from({ length: 5 }, () => take(alice)));
    for (const reply of replies) expect(reply.status).toBe(200);
    const taken = replies.flatMap((reply) => reply.body.inboxMessages as Array<{ id: string; encryptedMessage: string[] }>);
    expect(new Set(taken.map((m) => m.id)).size).toBe(taken.length);
    expect(taken.map((m) => m.encryptedMessage[0]).sort()).toEqual(sent.map((m) => m[0]).sort());
    expect((await take(alice)).body.inboxMessages).toEqual([]);
  });

  it('hands a flooded inbox out 100 messages at a time, oldest first', async () => {
    const sent: string[] = [];
    for (let i = 0; i < 105; i++) {
      const message = randomB64(8);
      sent.push(message);
      await put(alice.id, [message]);
    }
    const first = (await take(alice)).body.inboxMessages.map((m: { encryptedMessage: string[] }) => m.encryptedMessage[0]);
    const second = (await take(alice)).body.inboxMessages.map((m: { encryptedMessage: string[] }) => m.encryptedMessage[0]);
    expect(first).toEqual(sent.slice(0, 100));
    expect(second).toEqual(sent.slice(100));
  });
});
