/**
 * Whatever a client sends, the answer is a 4xx in LiftLog's format, never a
 * 500: malformed JSON, wrong shapes and types, huge arrays, bad GUIDs. Paths
 * match case-insensitively, as in the original.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import liftlog from '../../functions/liftlog/service.ts';
import { startLiftlog, type LiftlogHarness } from './app-client.ts';

let h: LiftlogHarness;
beforeAll(async () => {
  h = await startLiftlog();
});
afterAll(() => h?.stop());

/** Every route that reads a body, from the manifest; pro-token routes are called as a pro user, so the bodies reach validation. */
const BODY_ROUTES = liftlog.http.routes.filter((route) => route.request?.body).map((route) => [route.method, route.path, route.auth] as const);
const PRO_USER = { authorization: 'Web local-web-api-key' };

const BAD_BODIES: Array<[string, unknown]> = [
  ['malformed JSON', '{"id": "x",'],
  ['a JSON array', '[1, 2, 3]'],
  ['a JSON string', '"hello"'],
  ['JSON null', 'null'],
  ['an empty object', {}],
  [
    'numbers for every field',
    { id: 1, userId: 2, toUserId: 3, password: 4, ids: 5, users: 6, eventId: 7, followSecret: 8, encryptedMessage: 9, encryptedPayload: 10, expiry: 11 },
  ],
  [
    'arrays for every field',
    { id: [], userId: [], toUserId: [], password: [], ids: {}, users: {}, followSecret: [], encryptedMessage: {}, encryptedPayload: [], expiry: [] },
  ],
  [
    'bad GUIDs',
    {
      id: 'zzz',
      userId: '{00000000-0000-0000-0000-000000000000',
      toUserId: '00000000000000000000000000000000x',
      password: 'p',
      followSecret: 's',
      ids: ['nope'],
      users: [{ userId: 'nope', followSecret: 's', since: '2000-01-01T00:00:00Z' }],
      encryptedMessage: ['AAAA'],
    },
  ],
];

describe('bad input on every endpoint with a body', () => {
  it('covers the feed and the coach', () => {
    expect(BODY_ROUTES.map(([method, path]) => `${method} ${path}`)).toEqual(expect.arrayContaining(['PUT /user', 'POST /events', 'POST /ai/workout']));
  });

  for (const [method, path, auth] of BODY_ROUTES) {
    for (const [what, body] of BAD_BODIES) {
      it(`answers ${method} ${path} with ${what} by 400 problem details`, async () => {
        const reply = await h.app.send(method, path, body, auth === 'pro-token' ? PRO_USER : {});
        expect(reply.status).toBe(400);
        expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(reply.body).toMatchObject({ status: 400, errors: expect.any(Object) });
      });
    }
  }

  it('answers huge arrays with 400', async () => {
    const ids = Array.from({ length: 50_000 }, () => crypto.randomUUID());
    expect((await h.app.send('POST', '/users', { ids })).status).toBe(400);
    const users = ids.map((userId) => ({ userId, followSecret: 's', since: '2000-01-01T00:00:00Z' }));
    expect((await h.app.send('POST', '/events', { users })).status).toBe(400);
    expect((await h.app.send('PUT', '/inbox', { toUserId: ids[0], encryptedMessage: ids.map(() => 'AAAA') })).status).toBe(400);
  });

  it('answers a body that is not JSON at all with 400', async () => {
    const reply = await fetch(`${h.app.baseUrl}/users`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ids=1' });
    expect(reply.status).toBe(400);
    const empty = await fetch(`${h.app.baseUrl}/event`, { method: 'PUT' });
    expect(empty.status).toBe(400);
  });

  it('answers follow secrets too long to exist as invalid, not as an error', async () => {
    const long = 'x'.repeat(5_000);
    const reply = await h.app.send('POST', '/events', { users: [{ userId: crypto.randomUUID(), followSecret: long, since: '2000-01-01T00:00:00Z' }] });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ events: [], invalidFollowSecrets: [long] });
  });
});

describe('paths', () => {
  it('match case-insensitively', async () => {
    const created = await h.app.send('POST', '/User/Create', {});
    expect(created.status).toBe(200);
    expect((await h.app.send('GET', `/USER/${created.body.id.toUpperCase()}`)).body.id).toBe(created.body.id);
    expect((await h.app.send('POST', '/EVENTS', { users: [] })).status).toBe(400);
  });

  it('answer odd ids on GET routes with 404', async () => {
    for (const path of ['/user/%E0%A4%A', '/user/..%2F..%2Fetc', `/user/${'a'.repeat(2000)}`, '/shareditem/%00', `/shareditem/${'b'.repeat(2000)}`]) {
      expect((await h.app.send('GET', path)).status).toBe(404);
    }
  });

  it('treat an empty body as no body, whatever its content type', async () => {
    const user = await h.app.createUser();
    const reply = await h.app.send('GET', `/user/${user.id}`, undefined, { 'content-type': 'application/json' });
    expect([reply.status, reply.body.id]).toEqual([200, user.id]);
    const negotiation = await h.app.send('POST', '/ai-chat-v2/negotiate?negotiateVersion=1', undefined, { 'content-type': 'application/json', ...PRO_USER });
    expect(negotiation.status).toBe(200);
  });

  it('answer GET and HEAD /health with 200 healthy', async () => {
    const get = await fetch(`${h.app.baseUrl}/health`);
    expect([get.status, await get.text()]).toEqual([200, 'healthy']);
    expect((await fetch(`${h.app.baseUrl}/health`, { method: 'HEAD' })).status).toBe(200);
  });
});
