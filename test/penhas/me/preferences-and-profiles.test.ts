/**
 * GET/POST /me/preferences, the filter catalogs (/filter-tags, /filter-skills)
 * and what a user does about another's profile (/report-profile, /block-profile).
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { userKey } from '../../../functions/penhas/keys.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness } from '../app-client.ts';

const MODERATION = 'moderacao@example.com';
const runtime = sharedRuntime({ services: [penhas], environment: { EMAIL_TWEET_REPORTADO: MODERATION } });
const h = penhasHarness(runtime);

const owned = async (id: number, prefix: string) => (await h.table.partition(userKey(id).pk)).filter((item) => String(item.sk).startsWith(prefix));

describe('GET/POST /me/preferences', () => {
  it('lists the notification preferences at their initial values, then keeps what she sets', async () => {
    const account = await h.seedAccount();
    const initial = await h.app.get('/me/preferences', { apiKey: account.session });
    expect(initial.status).toBe(200);
    const keys = initial.body.preferences.map((p: { key: string }) => p.key);
    expect(keys).toEqual([
      'NOTIFY_LIKES_POSTS_CREATED',
      'NOTIFY_LIKES_POSTS_COMMENTED',
      'NOTIFY_COMMENTS_POSTS_CREATED',
      'NOTIFY_COMMENTS_POSTS_COMMENTED',
      'NOTIFY_CHAT_NEW_MESSAGES',
    ]);
    expect(initial.body.preferences[0]).toEqual({ key: 'NOTIFY_LIKES_POSTS_CREATED', value: '1', label: 'Curtidas nas minhas publicações', type: 'boolean' });
    const [key0, key1, key2] = keys;

    const first = await h.app.post('/me/preferences', { apiKey: account.session, query: { ignored: '1', [key0]: '0', [key1]: '1' } });
    expect(first.status).toBe(200);
    expect(first.body.preferences.slice(0, 3).map((p: { value: string }) => p.value)).toEqual(['0', '1', '1']);

    await h.app.post('/me/preferences', { apiKey: account.session, form: { [key0]: 1, [key2]: 0 } });
    const after = await h.app.get('/me/preferences', { apiKey: account.session });
    expect(after.body.preferences.slice(0, 3).map((p: { key: string; value: string }) => [p.key, p.value])).toEqual([
      [key0, '1'],
      [key1, '1'],
      [key2, '0'],
    ]);
  });

  it('shows and sets the admin-only preference for admins only', async () => {
    const [admin, user] = await Promise.all([h.seedAccount({ eh_admin: 1 }), h.seedAccount()]);
    const reply = await h.app.get('/me/preferences', { apiKey: admin.session });
    expect(reply.body.preferences[0]).toEqual({ key: 'POST_AS_PENHAS', value: '0', label: 'Postar como PenhaS', type: 'boolean' });
    const set = await h.app.post('/me/preferences', { apiKey: admin.session, query: { POST_AS_PENHAS: '1' } });
    expect(set.body.preferences[0]).toMatchObject({ key: 'POST_AS_PENHAS', value: '1' });
    await h.app.post('/me/preferences', { apiKey: user.session, query: { POST_AS_PENHAS: '1' } });
    expect(await owned(user.id, 'PREFERENCES')).toEqual([]);
  });

  it('lists none for men', async () => {
    const account = await h.seedAccount({ genero: 'Masculino' });
    expect((await h.app.get('/me/preferences', { apiKey: account.session })).body).toEqual({ preferences: [] });
    expect((await h.app.post('/me/preferences', { apiKey: account.session, query: { NOTIFY_CHAT_NEW_MESSAGES: '0' } })).body).toEqual({ preferences: [] });
  });

  it('answers form_error for a value other than 0 or 1', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.post('/me/preferences', { apiKey: account.session, query: { NOTIFY_CHAT_NEW_MESSAGES: 'sim' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'NOTIFY_CHAT_NEW_MESSAGES', reason: 'invalid' });
  });
});

describe('GET /filter-tags and /filter-skills', () => {
  it("offers women every category and the tags by title; men no category of the timeline's own posts", async () => {
    const woman = await h.seedAccount();
    const reply = await h.app.get('/filter-tags', { apiKey: woman.session });
    expect(reply.status).toBe(200);
    expect(reply.body.categories).toEqual([
      { default: 1, value: 'all', label: 'Tudo' },
      { default: 0, value: 'only_news', label: 'Apenas notícias' },
      { default: 0, value: 'only_tweets', label: 'Apenas publicações' },
      { default: 0, value: 'all_myself', label: 'Minhas publicações e comentários' },
    ]);
    const titles = reply.body.tags.map((t: { title: string }) => t.title);
    expect(titles.length).toBeGreaterThan(5);
    expect(titles).toEqual([...titles].sort(new Intl.Collator('pt-BR').compare));
    expect(reply.body.tags[0]).toEqual({ id: expect.any(Number), title: expect.any(String) });

    const man = await h.seedAccount({ genero: 'Masculino' });
    expect((await h.app.get('/filter-tags', { apiKey: man.session })).body.categories.map((c: { value: string }) => c.value)).toEqual(['all', 'only_news']);
  });

  it('lists the skills in catalog order, which PUT /me accepts', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.get('/filter-skills', { apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body.skills[0]).toEqual({ id: 1, skill: 'Advogada' });
    const ids = reply.body.skills.map((s: { id: number }) => s.id).slice(0, 3);
    const put = await h.app.put('/me', { apiKey: account.session, query: { skills: ids.join(',') } });
    expect(put.body.user_profile.skills).toEqual(ids);
  });
});

describe('POST /report-profile', () => {
  it("records a report against another user's profile", async () => {
    const [reporter, reported] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const reply = await h.app.post('/report-profile', { apiKey: reporter.session, query: { cliente_id: reported.id, reason: 'Ofensas' } });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ message: 'Sua denúncia foi recebida com sucesso.' });
    const [report] = await owned(reporter.id, 'REPORT#');
    expect(report).toMatchObject({ reported_cliente_id: reported.id, reason: 'Ofensas', gsi1pk: `REPORTED#${reported.id}` });
    const notice = await runtime.outbox.waitFor({ channel: 'email', to: MODERATION }, 15_000);
    expect(notice.payload).toMatchObject({ subject: 'PenhaS - Usuária reportada', text: expect.stringContaining('Motivo: Ofensas') });
  });

  it('refuses her own profile, an unknown one and one that is not active', async () => {
    const [reporter, gone] = await Promise.all([h.seedAccount(), h.seedAccount({ status: 'deleted_scheduled' })]);
    const self = await h.app.post('/report-profile', { apiKey: reporter.session, query: { cliente_id: reporter.id, reason: 'x' } });
    expect(self.status).toBe(400);
    expect(self.body.error).toBe('cliente_id_invalid');
    for (const id of [999_999_999, gone.id]) {
      const reply = await h.app.post('/report-profile', { apiKey: reporter.session, query: { cliente_id: id, reason: 'x' } });
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({ error: 'cliente_id_not_found', message: 'Não foi possível encontrar o usuário.' });
    }
    expect(await owned(reporter.id, 'REPORT#')).toEqual([]);
  });

  it('answers form_error for a missing reason or a non-numeric id', async () => {
    const account = await h.seedAccount();
    const noReason = await h.app.post('/report-profile', { apiKey: account.session, query: { cliente_id: 1 } });
    expect(noReason.body).toMatchObject({ error: 'form_error', field: 'reason', reason: 'is_required' });
    const badId = await h.app.post('/report-profile', { apiKey: account.session, query: { cliente_id: 'abc', reason: 'x' } });
    expect(badId.body).toMatchObject({ error: 'form_error', field: 'cliente_id', reason: 'invalid' });
  });
});

describe('POST /block-profile', () => {
  it('blocks another profile once however often asked, and unblocks it with remove=1', async () => {
    const [blocker, blocked] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    for (const _ of [1, 2]) {
      const reply = await h.app.post('/block-profile', { apiKey: blocker.session, query: { cliente_id: blocked.id } });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({ message: 'A usuária foi bloqueada com sucesso.' });
    }
    expect(await owned(blocker.id, 'BLOCK#')).toHaveLength(1);
    expect(await owned(blocked.id, 'BLOCK#')).toHaveLength(0);
    const unblock = await h.app.post('/block-profile', { apiKey: blocker.session, query: { cliente_id: blocked.id, remove: '1' } });
    expect(unblock.body).toEqual({ message: 'A usuária foi desbloqueada com sucesso.' });
    expect(await owned(blocker.id, 'BLOCK#')).toEqual([]);
  });

  it('refuses her own profile and an unknown one', async () => {
    const account = await h.seedAccount();
    const self = await h.app.post('/block-profile', { apiKey: account.session, query: { cliente_id: account.id } });
    expect(self.status).toBe(400);
    expect(self.body).toEqual({ error: 'cliente_id_invalid', message: 'Não é possível bloquear o seu próprio perfil.' });
    const unknown = await h.app.post('/block-profile', { apiKey: account.session, query: { cliente_id: 999_999_998 } });
    expect(unknown.body).toEqual({ error: 'cliente_id_not_found', message: 'Não foi possível encontrar a usuária.' });
  });
});
