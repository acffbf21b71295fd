/**
 * Where a woman's badges show, as in the original: on her posts in the
 * timeline (none on an anonymous one), on her public profile, in the chat
 * list, the chat room and the user search; with "Usuária da sua região"
 * (`GEO:CITY`) when her badge is linked to the viewer's city and both live
 * there, and in chats when the viewer holds a badge linked to her city.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { AdminClient } from '../admin/admin-client.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const admin = new AdminClient(h);
/** Several routes' first calls: each starts its function, slow on a busy machine. */
const JOURNEY_MS = 120_000;

const cidade = `Cidade ${Math.random().toString(36).slice(2, 8)}`;
let token: string;
let local: { id: number; code: string; name: string };

beforeAll(async () => {
  token = await admin.token();
  const code = `local-${Date.now()}`;
  const reply = await admin.post('/admin/badges', {
    token,
    json: {
      code,
      name: 'Apoiadora local',
      description: 'Selo de apoiadora',
      image_url: 'https://example.org/b.svg',
      image_url_black: 'https://example.org/b-black.svg',
      linked_cep_cidade: cidade,
    },
  });
  expect(reply.status, reply.text).toBe(201);
  local = { ...(reply.body as { id: number; name: string }), code };
}, JOURNEY_MS);

const give = async (account: SeededAccount) => {
  const reply = await admin.post(`/admin/badges/${local.id}/assign`, { token, json: { identifiers: [String(account.id)], action: 'add' } });
  expect(reply.status, reply.text).toBe(200);
};
const codes = (badges: { code: string }[]) => badges.map((badge) => badge.code).sort();
const post = async (account: SeededAccount, content: string) => {
  const reply = await h.app.post('/me/tweets', { apiKey: account.session, rawBody: `content=${encodeURIComponent(content)}` });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.id as string;
};
const tweetAs = async (account: SeededAccount, id: string) => {
  const reply = await h.app.get('/timeline', { apiKey: account.session, query: { rows: 100 } });
  expect(reply.status, reply.text).toBe(200);
  return (reply.body.tweets as { id: string; badges: { code: string; name: string; description: string; style: string }[] }[]).find((t) => t.id === id);
};

describe('badges shown to others', () => {
  it(
    'on her posts: hers, and the region badge for a reader of her city; none on an anonymous post',
    async () => {
      const [ana, vizinha, longe] = await Promise.all([
        h.seedAccount({ cep_cidade: cidade }),
        h.seedAccount({ cep_cidade: cidade }),
        h.seedAccount({ cep_cidade: 'Outra Cidade' }),
      ]);
      await give(ana);
      const id = await post(ana, `Estou aqui para ajudar ${ana.id}`);

      const seenByNeighbour = (await tweetAs(vizinha, id))!;
      expect(codes(seenByNeighbour.badges)).toEqual(['GEO:CITY', local.code].sort());
      expect(seenByNeighbour.badges.find((b) => b.code === local.code)).toMatchObject({ name: 'Apoiadora local', style: 'inline' });
      expect(seenByNeighbour.badges.find((b) => b.code === 'GEO:CITY')).toMatchObject({
        name: 'Usuária da sua região',
        description: `Colaborada da cidade ${cidade}`,
      });
      expect(codes((await tweetAs(longe, id))!.badges)).toEqual([local.code]);
      // Her own post: no region badge for herself.
      expect(codes((await tweetAs(ana, id))!.badges)).toEqual([local.code]);

      // A post made in anonymous mode shows no badge.
      const anonymous = await h.seedAccount({ cep_cidade: cidade, modo_anonimo_ativo: 1 });
      await give(anonymous);
      const hidden = await post(anonymous, `Anônima ${anonymous.id}`);
      expect((await tweetAs(vizinha, hidden))!.badges).toEqual([]);
    },
    JOURNEY_MS,
  );

  it(
    'on her profile, in the user search, the chat room and the chat list',
    async () => {
      const [ana, maria] = await Promise.all([h.seedAccount({ cep_cidade: cidade }), h.seedAccount({ cep_cidade: cidade })]);
      await give(ana);
      // Ana uses the chats: she is listed in the search from then on.
      expect((await h.app.get('/me/chats', { apiKey: ana.session })).status).toBe(200);

      const profile = await h.app.get('/profile', { apiKey: maria.session, query: { cliente_id: ana.id } });
      expect(profile.status, profile.text).toBe(200);
      expect(codes(profile.body.profile.badges)).toEqual(['GEO:CITY', local.code].sort());

      const search = await h.app.get('/search-users', { apiKey: maria.session, query: { rows: 100 } });
      const found = (search.body.rows as { cliente_id: number; badges: { code: string }[] }[]).find((row) => row.cliente_id === ana.id);
      expect(codes(found!.badges)).toEqual(['GEO:CITY', local.code].sort());

      const opened = await h.app.post('/me/chats-session', { apiKey: maria.session, query: { cliente_id: ana.id, prefetch: '1' } });
      expect(opened.status, opened.text).toBe(200);
      const room = await h.app.get('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: opened.body.chat_auth } });
      expect(codes(room.body.other.badges)).toContain(local.code);
      const sent = await h.app.post('/me/chats-messages', {
        apiKey: maria.session,
        query: { chat_auth: opened.body.chat_auth },
        rawBody: 'message=oi',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(sent.status, sent.text).toBe(200);

      const mine = await h.app.get('/me/chats', { apiKey: maria.session });
      const row = (mine.body.rows as { other_apelido: string; other_badges: { code: string }[] }[]).find((r) => r.other_apelido === ana.user.apelido);
      expect(codes(row!.other_badges)).toEqual(['GEO:CITY', local.code].sort());
      // Ana holds the city's badge: Maria, of her city, shows her the region badge in her list.
      const hers = await h.app.get('/me/chats', { apiKey: ana.session });
      const mariaRow = (hers.body.rows as { other_apelido: string; other_badges: { code: string; description: string }[] }[]).find(
        (r) => r.other_apelido === maria.user.apelido,
      );
      expect(mariaRow!.other_badges).toEqual([expect.objectContaining({ code: 'GEO:CITY', description: 'Usuária da sua região', style: 'inline-block' })]);
    },
    JOURNEY_MS,
  );
});
