/**
 * Her in-app notifications, end to end through the gateway: likes and
 * comments on the timeline reach the authors through the `notifications`
 * queue (never the author herself, never against her preferences), a chat
 * message unread for 5 minutes notifies once when the minute schedule runs,
 * and the inbox pages as the original's (`rows`, `has_more`, `next_page`),
 * page 1 marking everything read.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { chatPendingIndexKeys, chatPendingKey, notificationKey } from '../../../functions/penhas/keys.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const NOTIFICATIONS_QUEUE = 'penhas-notifications';
const ICONS = 'https://api.penhas.com.br/i';

const post = async (account: SeededAccount, content: string): Promise<{ id: string }> => {
  const reply = await h.app.post('/me/tweets', { apiKey: account.session, rawBody: `content=${encodeURIComponent(content)}` });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};
const comment = async (account: SeededAccount, tweetId: string, content: string): Promise<{ id: string }> => {
  const reply = await h.app.post(`/timeline/${tweetId}/comment`, { apiKey: account.session, rawBody: `content=${encodeURIComponent(content)}` });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};
const like = async (account: SeededAccount, tweetId: string, remove = false) => {
  const reply = await h.app.post(`/timeline/${tweetId}/like`, { apiKey: account.session, query: remove ? { remove: '1' } : {} });
  expect(reply.status, reply.text).toBe(200);
};
const setPreference = async (account: SeededAccount, name: string, value: '0' | '1') => {
  const reply = await h.app.post('/me/preferences', { apiKey: account.session, query: { [name]: value } });
  expect(reply.status, reply.text).toBeLessThan(300);
};
const unread = async (account: SeededAccount): Promise<number> => {
  const reply = await h.app.get('/me/unread-notif-count', { apiKey: account.session });
  expect(reply.status, reply.text).toBe(200);
  return reply.body.count;
};
const inbox = async (account: SeededAccount, query: Record<string, string | number> = {}) => {
  const reply = await h.app.get('/me/notifications', { apiKey: account.session, query });
  expect(reply.status, reply.text).toBe(200);
  return reply.body as { rows: Array<Record<string, string>>; has_more: 0 | 1; next_page: string | null };
};
const fireUnreadChats = async () => {
  const fired = await fetch(`${runtime.url}/_local/schedules/penhas/unread-chat-notifications`, { method: 'POST' });
  expect(fired.status).toBe(202);
};
/** Everything queued so far has been handled (events, and the pushes they queued). */
const settled = () => runtime.queues.drained(NOTIFICATIONS_QUEUE, 20_000);

describe('likes and comments', () => {
  it('notifies the author of a liked post, once, and never for her own like', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const tweet = await post(maria, 'Hoje foi um dia difícil, mas estou bem.');

    await like(maria, tweet.id);
    await settled();
    expect(await unread(maria)).toBe(0);

    await like(ana, tweet.id);
    await eventually(async () => (await unread(maria)) === 1, { what: 'the like notification' });
    // Taking the like back and liking again notifies nobody twice.
    await like(ana, tweet.id, true);
    await like(ana, tweet.id);
    await settled();
    expect(await unread(maria)).toBe(1);

    const page = await inbox(maria);
    expect(page).toEqual({
      rows: [
        {
          title: 'curtiu sua publicação',
          content: 'Hoje foi um dia difícil, mas estou bem.',
          name: ana.user.apelido,
          icon: `${ICONS}/3.svg`,
          time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          expand_screen: `/mainboard/tweet/${tweet.id}`,
        },
      ],
      has_more: 0,
      next_page: null,
    });
    expect(await unread(ana)).toBe(0);
  });

  it('names a comment liked as a comment, and an anonymous liker as Anônimo', async () => {
    const [maria, ana, bia] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount({ modo_anonimo_ativo: 1 })]);
    const tweet = await post(ana, 'Post da Ana');
    const reply = await comment(maria, tweet.id, 'Comentário da Maria');
    await settled();
    await like(bia, reply.id);
    await eventually(async () => (await unread(maria)) === 1, { what: 'the like of her comment' });
    const [row] = (await inbox(maria)).rows;
    expect(row).toMatchObject({
      title: 'curtiu seu comentário',
      content: 'Comentário da Maria',
      name: 'Anônimo',
      expand_screen: `/mainboard/tweet/${reply.id}`,
    });
  });

  it('does not notify a like when her preference says no', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    await setPreference(maria, 'NOTIFY_LIKES_POSTS_CREATED', '0');
    const tweet = await post(maria, 'Sem notificações de curtidas');
    await like(ana, tweet.id);
    await settled();
    expect(await unread(maria)).toBe(0);
    expect((await inbox(maria)).rows).toEqual([]);
  });

  it('notifies the post’s author and those who commented on it, never the commenter, as their preferences say', async () => {
    const [maria, ana, bia, carla] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount(), h.seedAccount()]);
    const tweet = await post(maria, 'Alguém conhece um grupo de apoio?');

    const own = await comment(maria, tweet.id, 'Qualquer cidade serve');
    await settled();
    expect(await unread(maria)).toBe(0);

    const fromAna = await comment(ana, tweet.id, 'Conheço um em São Paulo');
    await eventually(async () => (await unread(maria)) === 1, { what: 'the comment notification' });
    expect((await inbox(maria)).rows[0]).toMatchObject({
      title: 'comentou na sua publicação',
      content: '❝Conheço um em São Paulo❞ na publicação ❝Alguém conhece um grupo de apoio?❞',
      name: ana.user.apelido,
      icon: `${ICONS}/5.svg`,
      expand_screen: `/mainboard/tweet/${tweet.id}?comment_id=${fromAna.id}`,
    });

    // Carla no longer wants comments on posts she commented on.
    await comment(carla, tweet.id, 'Eu também quero saber');
    await eventually(async () => (await unread(maria)) === 1 && (await unread(ana)) === 1, { what: 'notifications of the third comment' });
    await setPreference(carla, 'NOTIFY_COMMENTS_POSTS_COMMENTED', '0');

    await comment(bia, tweet.id, 'Tem um no Rio também');
    await eventually(async () => (await unread(maria)) === 2 && (await unread(ana)) === 2, { what: 'notifications of the fourth comment' });
    await settled();
    expect((await inbox(ana)).rows[0]).toMatchObject({ title: 'comentou na publicação que você participou', name: bia.user.apelido });
    expect(await unread(carla)).toBe(0);
    expect(await unread(bia)).toBe(0);
    expect(own.id).toBeTruthy();
  });
});

describe('unread chat messages', () => {
  it('notifies a message unread for 5 minutes once, when the minute schedule runs', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const session = await h.app.post('/me/chats-session', { apiKey: ana.session, query: { cliente_id: maria.id } });
    expect(session.status, session.text).toBe(200);
    const sent = await h.app.post('/me/chats-messages', {
      apiKey: ana.session,
      query: { chat_auth: session.body.chat_auth },
      rawBody: `message=${encodeURIComponent('Oi, tudo bem?')}`,
    });
    expect(sent.status, sent.text).toBe(200);
    const markerSk = chatPendingKey(maria.id, ana.id).sk;
    const marker = async () => (await h.table.partition(`USER#${maria.id}`)).find((item) => item.sk === markerSk);
    expect(await marker()).toMatchObject({ gsi1pk: 'CHAT_PENDING' });

    // Not yet 5 minutes: nothing.
    await fireUnreadChats();
    await settled();
    expect(await unread(maria)).toBe(0);
    expect(await marker()).toMatchObject({ gsi1pk: 'CHAT_PENDING' });

    // Six minutes later, as far as the marker knows.
    const past = new Date(Date.now() - 6 * 60_000).toISOString();
    await h.table.put({ ...(await marker()), messaged_at: past, ...chatPendingIndexKeys(maria.id, ana.id, past) });
    await fireUnreadChats();
    await eventually(async () => (await unread(maria)) === 1, { what: 'the unread chat notification' });

    // Run again (and a later message from Ana while still unread): still one.
    await fireUnreadChats();
    await h.app.post('/me/chats-messages', { apiKey: ana.session, query: { chat_auth: session.body.chat_auth }, rawBody: 'message=Oi%3F' });
    await fireUnreadChats();
    await settled();
    expect(await unread(maria)).toBe(1);
    expect((await marker())?.gsi1pk).toBeUndefined();

    const [row] = (await inbox(maria)).rows;
    expect(row).toMatchObject({ title: 'enviou uma mensagem', content: '', name: ana.user.apelido, icon: `${ICONS}/1.svg` });
    expect(row.expand_screen).toMatch(/^\/mainboard\/chat\/.+\..+/);
  });

  it('does not notify when her chat preference says no', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    await setPreference(maria, 'NOTIFY_CHAT_NEW_MESSAGES', '0');
    const past = new Date(Date.now() - 10 * 60_000).toISOString();
    await h.table.put({
      ...chatPendingKey(maria.id, ana.id),
      ...chatPendingIndexKeys(maria.id, ana.id, past),
      cliente_id: maria.id,
      pending_message_cliente_id: ana.id,
      messaged_at: past,
    });
    await fireUnreadChats();
    await eventually(
      async () => (await h.table.partition(`USER#${maria.id}`)).some((item) => item.sk === chatPendingKey(maria.id, ana.id).sk && !item.gsi1pk),
      {
        what: 'the marker taken off the index',
      },
    );
    await settled();
    expect(await unread(maria)).toBe(0);
  });
});

describe('the inbox', () => {
  /** A notification row as the consumer writes it, `minutesAgo` old. */
  const seedRow = (account: SeededAccount, minutesAgo: number, title = 'curtiu sua publicação') => {
    const createdAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const id = randomUUID();
    return h.table.put({
      ...notificationKey(account.id, createdAt, id),
      id,
      cliente_id: account.id,
      type: 'new_like',
      title,
      content: 'Meu telefone é 11 91234-5678',
      icon: 3,
      meta: { tweet_id: '240101T1200000001', admin_mode: 0 },
      created_at: createdAt,
    });
  };

  it('pages newest first; page 1 marks everything read, later pages do not', async () => {
    const maria = await h.seedAccount();
    await Promise.all(Array.from({ length: 12 }, (_, i) => seedRow(maria, 30 - i, `n${i}`)));
    expect(await unread(maria)).toBe(12);

    // Under 10 rows is 10, as in the original.
    const first = await inbox(maria, { rows: 3 });
    expect(first.rows.map((row) => row.title)).toEqual(['n11', 'n10', 'n9', 'n8', 'n7', 'n6', 'n5', 'n4', 'n3', 'n2']);
    expect(first.has_more).toBe(1);
    expect(first.next_page).toEqual(expect.any(String));
    expect(await unread(maria)).toBe(0);
    // Rows about nobody are PenhaS's; contact data is masked.
    expect(first.rows[0]).toMatchObject({ name: 'PenhaS', expand_screen: '/mainboard/tweet/240101T1200000001' });
    expect(first.rows[0].content).not.toContain('91234-5678');

    await seedRow(maria, 0, 'newest');
    expect(await unread(maria)).toBe(1);
    const second = await inbox(maria, { rows: 10, next_page: first.next_page! });
    expect(second.rows.map((row) => row.title)).toEqual(['n1', 'n0']);
    expect(second).toMatchObject({ has_more: 0, next_page: null });
    expect(await unread(maria)).toBe(1);

    expect((await inbox(maria)).rows[0].title).toBe('newest');
    expect(await unread(maria)).toBe(0);
  });

  it('refuses a next_page it did not sign, with a 400', async () => {
    const maria = await h.seedAccount();
    const reply = await h.app.get('/me/notifications', { apiKey: maria.session, query: { next_page: 'forged.token' } });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'next_page', reason: 'invalid' });
    const noSession = await h.app.get('/me/unread-notif-count');
    expect(noSession.status).toBe(401);
  });
});
