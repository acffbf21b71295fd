/**
 * The timeline as the app uses it (the original's 020-timeline.t and the tweet
 * part of 109-tweets-notifications.t): posting, liking (idempotent), comments
 * three levels deep, reports, deleting, the page parameters (rows, before,
 * after, id, parent_id, category, next_page), images, contact data masked for
 * anyone but the author, anonymous tweets and blocked authors.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

/** A 1×1 PNG, as the app would upload a picture. */
const SMALL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

const post = async (account: SeededAccount, content: string, extra: Record<string, string> = {}) => {
  const reply = await h.app.post('/me/tweets', {
    apiKey: account.session,
    rawBody: `content=${encodeURIComponent(content)}${Object.entries(extra)
      .map(([k, v]) => `&${k}=${v}`)
      .join('')}`,
  });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};
const comment = (account: SeededAccount, tweetId: string, content: string, extra: Record<string, string> = {}) =>
  h.app.post(`/timeline/${tweetId}/comment`, {
    apiKey: account.session,
    rawBody: `content=${encodeURIComponent(content)}${Object.entries(extra)
      .map(([k, v]) => `&${k}=${v}`)
      .join('')}`,
  });
const like = (account: SeededAccount, tweetId: string, remove = false) =>
  h.app.post(`/timeline/${tweetId}/like`, { apiKey: account.session, query: remove ? { remove: '1' } : {} });
const timeline = (account: SeededAccount, query: Record<string, string | number> = {}) => h.app.get('/timeline', { apiKey: account.session, query });
const tweetsOf = (body: { tweets: Array<{ type: string }> }) => body.tweets.filter((item) => item.type === 'tweet') as any[];

async function upload(account: SeededAccount, bytes: Buffer, filename = 'small.png') {
  const form = new FormData();
  form.set('intention', 'tweet');
  form.set('media', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), filename);
  const request = new Request('http://local/', { method: 'POST', body: form });
  return h.app.post('/me/media', {
    apiKey: account.session,
    rawBody: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  });
}

describe('the timeline (020-timeline.t)', () => {
  it('posts, likes once, comments with an image, pages both ways, reports, filters her own and deletes', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const media = await upload(maria, SMALL_PNG);
    expect(media.status, media.text).toBe(200);
    expect((await upload(maria, SMALL_PNG)).body.id).toBe(media.body.id);

    const tweet = await post(maria, 'ijime dame zettai');
    expect(tweet).toMatchObject({ type: 'tweet', content: 'ijime dame zettai', qtde_likes: 0, meta: { owner: 1, liked: 0, can_reply: 1, parent_id: null } });
    expect(tweet.id).toMatch(/^[0-9]{6}T[0-9]{10}$/);

    let liked = await like(maria, tweet.id);
    expect([liked.body.tweet.qtde_likes, liked.body.tweet.meta.liked]).toEqual([1, 1]);
    liked = await like(maria, tweet.id, true);
    expect([liked.body.tweet.qtde_likes, liked.body.tweet.meta.liked]).toEqual([0, 0]);

    const reply1 = (await comment(maria, tweet.id, 'mata itsuka', { media_ids: media.body.id })).body;
    expect(reply1).toMatchObject({ content: 'mata itsuka', meta: { parent_id: tweet.id, tweet_depth_test_only: 2 } });
    const sd = await h.app.get(reply1.media[0].sd.replace(/^.*\/penhas/, ''), { apiKey: maria.session });
    expect(sd.status).toBe(302);
    const image = await fetch(String(sd.headers.location));
    expect(Buffer.from(await image.arrayBuffer())).toEqual(SMALL_PNG);
    // The bucket is private: the redirect is a presigned URL valid 5 minutes, and the object unsigned is refused.
    const presigned = new URL(String(sd.headers.location));
    expect(presigned.searchParams.get('X-Amz-Expires')).toBe('300');
    expect((await fetch(`${presigned.origin}${presigned.pathname}`)).status).toBe(403);
    const hdPath = reply1.media[0].hd.replace(/^.*\/penhas/, '');
    expect((await h.app.get(`${hdPath}&api_key=${maria.session}`)).status).toBe(302);
    expect((await h.app.get(hdPath)).status).toBe(401);
    expect((await h.app.get(`${hdPath}x`, { apiKey: maria.session })).status).toBe(400);
    // A link is the viewer's: another account cannot use it.
    expect((await h.app.get(hdPath, { apiKey: ana.session })).body.error).toBe('media_hash_invalid');

    const asAuthor = (await timeline(maria, { rows: 100 })).body;
    const first = tweetsOf(asAuthor)[0];
    expect(first).toMatchObject({
      id: tweet.id,
      content: 'ijime dame zettai',
      meta: { liked: 0, owner: 1 },
      last_reply: { id: reply1.id, meta: { liked: 0 } },
    });
    expect(asAuthor.has_more).toBe(0);
    const asOther = tweetsOf((await timeline(ana)).body)[0];
    expect(asOther).toMatchObject({ id: tweet.id, meta: { owner: 0 }, last_reply: { id: reply1.id } });

    expect((await like(ana, tweet.id)).body.tweet.qtde_likes).toBe(1);
    expect((await like(ana, tweet.id)).body.tweet.qtde_likes).toBe(1);
    expect((await like(maria, tweet.id)).body.tweet.qtde_likes).toBe(2);

    const detail = (await timeline(maria, { parent_id: tweet.id })).body;
    expect(detail.has_more).toBe(0);
    expect(tweetsOf(detail)[0]).toMatchObject({ id: reply1.id, content: 'mata itsuka' });
    expect(detail.parent.id).toBe(tweet.id);

    await post(maria, 'Kazoeru 1');
    await post(maria, 'Kazoeru 2');
    const page1 = (await timeline(maria, { rows: 2 })).body;
    expect(page1.has_more).toBe(1);
    expect(tweetsOf(page1).map((t) => t.content)).toEqual(['Kazoeru 2', 'Kazoeru 1']);
    const older = (await timeline(maria, { rows: 2, before: tweetsOf(page1)[1].id })).body;
    expect(older.order_by).toBe('latest_first');
    expect([older.has_more, tweetsOf(older).map((t) => t.content)]).toEqual([0, ['ijime dame zettai']]);
    const afterFirst = (await timeline(maria, { rows: 1, after: tweet.id })).body;
    expect([afterFirst.order_by, afterFirst.has_more, tweetsOf(afterFirst).map((t) => t.content)]).toEqual(['oldest_first', 1, ['Kazoeru 1']]);
    const rest = (await timeline(maria, { rows: 100, after: tweetsOf(afterFirst)[0].id })).body;
    expect([rest.has_more, tweetsOf(rest).map((t) => t.content)]).toEqual([0, ['Kazoeru 2']]);

    const report = await h.app.post(`/timeline/${tweet.id}/report`, { apiKey: maria.session, rawBody: 'reason=this%20offends%20me' });
    expect([report.status, report.body]).toEqual([200, { message: 'Sua denúncia foi recebida com sucesso.' }]);
    expect((await h.table.partition(`TWEET#${tweet.id}`)).find((item) => item.sk === 'TWEET')?.qtde_reportado).toBe(1);

    await post(ana, 'Just me');
    const mine = (await timeline(ana, { category: 'all_myself', rows: 1 })).body;
    expect([mine.has_more, tweetsOf(mine).map((t) => t.content)]).toEqual([0, ['Just me']]);

    const reply2 = (await comment(maria, tweet.id, 'to be removed')).body;
    expect(tweetsOf((await timeline(maria, { id: tweet.id })).body)[0].last_reply.content).toBe('to be removed');
    expect((await h.app.delete('/me/tweets', { apiKey: maria.session, query: { id: reply2.id } })).status).toBe(204);
    const back = tweetsOf((await timeline(maria, { id: tweet.id })).body)[0];
    expect([back.last_reply.content, back.qtde_comentarios]).toEqual(['mata itsuka', 1]);

    expect((await h.app.delete('/me/tweets', { apiKey: maria.session, query: { id: tweet.id } })).status).toBe(204);
    const gone = (await timeline(maria, { id: tweet.id })).body;
    expect([gone.has_more, tweetsOf(gone)]).toEqual([0, []]);

    const latest = (await timeline(maria, { rows: 2 })).body;
    expect([latest.has_more, tweetsOf(latest).map((t) => t.content)]).toEqual([1, ['Just me', 'Kazoeru 2']]);
    const next = (await timeline(maria, { next_page: latest.next_page })).body;
    expect(tweetsOf(next).map((t) => t.content)).toEqual(['Kazoeru 1']);
    expect(next.next_page).toEqual(expect.any(String));
  });
});

describe('comments (109-tweets-notifications.t)', () => {
  it('go three levels deep; a comment on the third level is refused', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const root = await post(maria, 'root tweet');
    const level2 = (await comment(ana, root.id, 'comment from other')).body;
    expect([level2.meta.tweet_depth_test_only, level2.meta.can_reply]).toEqual([2, 1]);
    const level3 = (await comment(maria, level2.id, 'subcomment from post owner')).body;
    expect([level3.meta.tweet_depth_test_only, level3.meta.can_reply]).toEqual([3, 0]);
    const level4 = await comment(ana, level3.id, 'too deep');
    expect([level4.status, level4.body.error]).toEqual([400, 'tweet_max_depth']);
    const thread = (await timeline(maria, { parent_id: level2.id })).body;
    expect(tweetsOf(thread).map((t) => t.content)).toEqual(['subcomment from post owner']);
    expect(tweetsOf((await timeline(maria, { id: root.id })).body)[0].qtde_comentarios).toBe(1);
  });
});

describe('what the timeline shows of a tweet', () => {
  it('escapes HTML, keeps line breaks, and masks phones, e-mails and CPFs for anyone but the author', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const text = '<b>me liga</b> (11) 98765-4321\nou maria@example.com, cpf 529.982.247-25; disque 0800 123 4567';
    const tweet = await post(maria, text);
    expect(tweet.content).toBe('&lt;b&gt;me liga&lt;/b&gt; (11) 98765-4321 <br/> &nbsp;&nbsp; ou maria@example.com, cpf 529.982.247-25; disque 0800 123 4567');
    const seen = tweetsOf((await timeline(ana, { id: tweet.id })).body)[0].content as string;
    expect(seen).not.toMatch(/98765|4321|maria@example|529\.982/);
    expect(seen).toContain('*****-****');
    expect(seen).toContain('*****@*******.***');
    expect(seen).toContain('***.***.***-**');
    expect(seen).toContain('&lt;b&gt;me liga&lt;/b&gt;');
  });

  it('shows an anonymous author as Anônimo, without her id', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount({ modo_anonimo_ativo: 1 }), h.seedAccount()]);
    const tweet = await post(maria, 'sem nome');
    const seen = tweetsOf((await timeline(ana, { id: tweet.id })).body)[0];
    expect(seen).toMatchObject({ anonimo: 1, cliente_id: 0, name: 'Anônimo' });
    expect(seen.icon).toMatch(/anonimo/);
  });

  it('hides the tweets of someone she blocked (not anonymous ones), and only from her', async () => {
    const [maria, blocked, ana] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
    const tweet = await post(blocked, 'de quem foi bloqueada');
    expect((await h.app.post('/block-profile', { apiKey: maria.session, query: { cliente_id: blocked.id } })).status).toBe(200);
    expect(tweetsOf((await timeline(maria, { id: tweet.id })).body)).toEqual([]);
    expect(tweetsOf((await timeline(maria, { rows: 100 })).body).map((t) => t.id)).not.toContain(tweet.id);
    expect(tweetsOf((await timeline(ana, { id: tweet.id })).body)).toHaveLength(1);
  });
});

describe('tweets out of sight', () => {
  it('hides a tweet moderation hid from all but its author, and the tweets of an account no longer active', async () => {
    const [maria, ana, leaving] = await Promise.all([h.seedAccount(), h.seedAccount(), h.seedAccount()]);
    const hidden = await post(maria, 'escondida pela moderação');
    const stored = (await h.table.partition(`TWEET#${hidden.id}`)).find((item) => item.sk === 'TWEET')!;
    await h.table.put({ ...stored, escondido: 1 });
    expect(tweetsOf((await timeline(maria, { id: hidden.id })).body)).toHaveLength(1);
    expect(tweetsOf((await timeline(ana, { id: hidden.id })).body)).toEqual([]);

    const gone = await post(leaving, 'de quem pediu para sair');
    await h.table.put({ ...leaving.user, status: 'deleted_scheduled' });
    expect(tweetsOf((await timeline(ana, { id: gone.id })).body)).toEqual([]);
    expect((await like(ana, gone.id)).status).toBe(404);
  });
});

describe('an old app', () => {
  it('gets the notice to update at the top of its first page only', async () => {
    const maria = await h.seedAccount({ apelido: 'Maria' });
    await post(maria, 'para o app antigo');
    const old = { 'user-agent': 'Android 14/samsung SM-A546E/3.5.9' };
    const first = (await h.app.get('/timeline', { apiKey: maria.session, headers: old })).body;
    expect(first.tweets[0]).toMatchObject({ name: 'Atualização está disponível!', cliente_id: 0, anonimo: 1, created_at: '2099-01-01T01:01:01' });
    expect(first.tweets[0].content).toMatch(/^Olá, Maria\.<br>/);
    expect(first.tweets[0].content).toContain('play.google.com');
    const current = (await h.app.get('/timeline', { apiKey: maria.session, headers: { 'user-agent': 'iOS 17/iPhone/3.6.0' } })).body;
    expect(current.tweets[0].name).not.toBe('Atualização está disponível!');
    const next = (await h.app.get('/timeline', { apiKey: maria.session, headers: old, query: { next_page: first.next_page } })).body;
    expect(next.tweets.some((t: { name?: string }) => t.name === 'Atualização está disponível!')).toBe(false);
  });
});

describe('bad input', () => {
  it('answers form_error in the PenhaS format', async () => {
    const maria = await h.seedAccount();
    for (const [query, field] of [
      [{ rows: 'abc' }, 'rows'],
      [{ before: 'xyz' }, 'before'],
      [{ category: 'everything' }, 'category'],
      [{ tags: '1,a' }, 'tags'],
    ] as const) {
      const reply = await timeline(maria, query);
      expect([reply.status, reply.body.error, reply.body.field], JSON.stringify(query)).toEqual([400, 'form_error', field]);
    }
    // The original's answers to a token it did not sign and to a token mixed with a position.
    const forged = await timeline(maria, { next_page: 'forged.token' });
    expect([forged.status, forged.body.error, forged.body.message]).toEqual([400, 'form_error', 'next_page']);
    const token = (await timeline(maria)).body.next_page;
    const mixed = await timeline(maria, { next_page: token, before: '990101T0000000001' });
    expect([mixed.status, mixed.body.message]).toEqual([400, 'uso do before com next_page é vedado']);
    const otherTags = await timeline(maria, { next_page: token, tags: '3' });
    expect([otherTags.status, otherTags.body.message]).toEqual([400, 'não pode trocar de tags durante uso do next_page']);
    const empty = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: 'content=' });
    expect([empty.status, empty.body.error, empty.body.field, empty.body.reason]).toEqual([400, 'form_error', 'content', 'is_required']);
    const tooLong = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: `content=${'a'.repeat(2201)}` });
    expect([tooLong.status, tooLong.body.reason]).toEqual([400, 'invalid_max_length']);
    const badMedia = await h.app.post('/me/tweets', { apiKey: maria.session, rawBody: 'content=oi&media_ids=not-an-id' });
    expect([badMedia.status, badMedia.body.error]).toEqual([400, 'media_id']);
    const man = await h.seedAccount({ genero: 'Masculino' });
    const noModule = await h.app.post('/me/tweets', { apiKey: man.session, rawBody: 'content=oi' });
    expect([noModule.status, noModule.body]).toEqual([400, { error: 'missing_module', message: 'Você não tem acesso ao modulo tweets' }]);
    const missing = await like(maria, '990101T0000000001');
    expect([missing.status, missing.body.error]).toEqual([404, 'item_not_found']);
    const notAnId = await like(maria, 'abc');
    expect([notAnId.status, notAnId.body.error]).toEqual([404, 'item_not_found']);
    const notAnImage = await upload(maria, Buffer.from('GIF89a not really'), 'x.gif');
    expect([notAnImage.status, notAnImage.body.error]).toEqual([400, 'unsupported_media_type']);
    // Past 5 MB a file cannot even reach the function: base64 in Lambda's 6 MB event, the gateway answers 413.
    const tooBig = await upload(maria, Buffer.concat([SMALL_PNG, Buffer.alloc(5_000_001)]));
    expect(tooBig.status).toBe(413);
  });
});
