/**
 * Device push, an addition to the original API: the app registers the token
 * FCM or APNs gave it (`POST /me/devices`), which becomes an SNS platform
 * endpoint on the SNS stand-in (the real `@aws-sdk/client-sns` speaking the
 * Query protocol); a notification then reaches each device through the
 * `push` queue exactly once, even when SNS fails or SQS delivers twice; an
 * endpoint SNS reports disabled is deleted and leaves her devices.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { deviceTokenKey } from '../../../functions/penhas/keys.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

// A failed push is retried after 1 s here (5 s by default), so the retry test waits little.
const lines: string[] = [];
const runtime = sharedRuntime({ services: [penhas], environment: { PUSH_RETRY_BASE_SECONDS: '1' }, log: (line) => lines.push(line) });
const h = penhasHarness(runtime);

const PUSH_QUEUE = 'penhas-push';
/** Every token this file registers, for the log check at its end. */
const tokens: string[] = [];
const issued = (token: string) => {
  tokens.push(token);
  return token;
};
const fcmToken = () => issued(`f${randomBytes(8).toString('hex')}:APA91b${randomBytes(60).toString('base64url')}`);
const apnsToken = () => issued(randomBytes(32).toString('hex'));

const register = (account: SeededAccount, token: string, platform = 'android') =>
  h.app.post('/me/devices', { apiKey: account.session, query: { token, platform } });
const devicesOf = async (account: SeededAccount) => (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('DEVICE#'));
const tokenLookup = async (token: string) => (await h.table.partition(deviceTokenKey(token).pk))[0];
const post = async (account: SeededAccount, content: string): Promise<{ id: string }> => {
  const reply = await h.app.post('/me/tweets', { apiKey: account.session, rawBody: `content=${encodeURIComponent(content)}` });
  expect(reply.status, reply.text).toBe(200);
  return reply.body;
};
const like = async (account: SeededAccount, tweetId: string) =>
  expect((await h.app.post(`/timeline/${tweetId}/like`, { apiKey: account.session })).status).toBe(200);
const unread = async (account: SeededAccount): Promise<number> => (await h.app.get('/me/unread-notif-count', { apiKey: account.session })).body.count;
const settled = async () => {
  await runtime.queues.drained('penhas-notifications', 20_000);
  await runtime.queues.drained(PUSH_QUEUE, 25_000);
};

describe('POST and DELETE /me/devices', () => {
  it('registers a token as an SNS endpoint once, and removes it by id or token', async () => {
    const maria = await h.seedAccount();
    const token = fcmToken();
    const first = await register(maria, token);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ device: { id: expect.stringMatching(/^[0-9a-f]{32}$/), platform: 'android', created_at: expect.any(String) } });
    const endpoint = runtime.fakes.sns.endpointOf(token);
    expect(endpoint).toMatchObject({ enabled: true, platformApplicationArn: expect.stringContaining(':app/GCM/') });

    // The same token again: the same device and endpoint.
    const again = await register(maria, token);
    expect(again.body).toEqual(first.body);
    expect([...runtime.fakes.sns.endpoints.values()].filter((e) => e.token === token)).toHaveLength(1);
    expect(await devicesOf(maria)).toHaveLength(1);

    const iphone = apnsToken();
    const ios = await register(maria, iphone, 'ios');
    expect(ios.body.device.platform).toBe('ios');
    expect(runtime.fakes.sns.endpointOf(iphone)?.platformApplicationArn).toContain(':app/APNS/');

    expect((await h.app.delete(`/me/devices/${first.body.device.id}`, { apiKey: maria.session })).status).toBe(204);
    expect(runtime.fakes.sns.endpointOf(token)).toBeUndefined();
    expect(await tokenLookup(token)).toBeUndefined();
    expect((await h.app.delete(`/me/devices/${first.body.device.id}`, { apiKey: maria.session })).status).toBe(404);

    // By its token (URL-encoded), as an app that kept no id would.
    expect((await h.app.delete(`/me/devices/${encodeURIComponent(iphone)}`, { apiKey: maria.session })).status).toBe(204);
    expect(await devicesOf(maria)).toEqual([]);
  });

  it('moves a token to the account that registers it last', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const token = fcmToken();
    expect((await register(maria, token)).status).toBe(200);
    expect((await register(ana, token)).status).toBe(200);
    expect(await devicesOf(maria)).toEqual([]);
    expect(await devicesOf(ana)).toHaveLength(1);
    expect(await tokenLookup(token)).toMatchObject({ cliente_id: ana.id });
  });

  it('refuses a bad platform, a missing token or one SNS refuses with form_error, writing nothing', async () => {
    const maria = await h.seedAccount();
    const badPlatform = await register(maria, fcmToken(), 'windows');
    expect(badPlatform.status).toBe(400);
    expect(badPlatform.body).toMatchObject({ error: 'form_error', field: 'platform', reason: 'invalid' });
    const noToken = await h.app.post('/me/devices', { apiKey: maria.session, query: { platform: 'ios' } });
    expect(noToken.status).toBe(400);
    expect(noToken.body).toMatchObject({ error: 'form_error', field: 'token', reason: 'is_required' });
    // SNS refuses an iOS token that is not hexadecimal.
    const badIosToken = await register(maria, 'not-an-apns-token', 'ios');
    expect(badIosToken.status).toBe(400);
    expect(badIosToken.body).toMatchObject({ error: 'form_error', field: 'token', reason: 'invalid' });
    expect(await devicesOf(maria)).toEqual([]);
  });
});

describe('push', () => {
  it('lands once per device even when SNS fails once and the job is delivered twice', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const token = fcmToken();
    expect((await register(maria, token)).status).toBe(200);
    const tweet = await post(maria, 'Um post');

    // Every attempt of the SDK's first call fails (an outage): the job is retried by SQS.
    const refusedBefore = runtime.outbox.refused('push');
    runtime.outbox.failNext('push', 3);
    await like(ana, tweet.id);
    const pushed = await runtime.outbox.waitFor({ channel: 'push', to: token }, 25_000);
    await settled();
    expect(runtime.outbox.refused('push') - refusedBefore).toBe(3);
    expect(runtime.outbox.list({ channel: 'push', to: token })).toHaveLength(1);
    expect(await unread(maria)).toBe(1);

    // What reached the phone: the neutral text, and for Android FCM's own message.
    const message = (pushed.payload as { message: Record<string, string> }).message;
    const fcm = JSON.parse(message.GCM);
    expect(fcm.fcmV1Message.message.notification).toEqual({ title: 'Você tem uma nova notificação', body: '' });
    expect(fcm.fcmV1Message.message.data).toMatchObject({ type: 'new_like' });

    // The same push delivered again by SQS: nothing more leaves.
    const job = { userId: String(maria.id), pushId: fcm.fcmV1Message.message.data.notification_id, title: 'x', body: 'y' };
    runtime.queues.send(PUSH_QUEUE, JSON.stringify(job));
    runtime.queues.send(PUSH_QUEUE, JSON.stringify(job));
    await settled();
    expect(runtime.outbox.list({ channel: 'push', to: token })).toHaveLength(1);
  }, 60_000);

  it('removes a device whose endpoint SNS reports disabled', async () => {
    const [maria, ana] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const dead = fcmToken();
    const live = fcmToken();
    expect((await register(maria, dead)).status).toBe(200);
    expect((await register(maria, live)).status).toBe(200);
    // The phone uninstalled the app: FCM told SNS, which disabled the endpoint.
    runtime.fakes.sns.disableEndpoint(dead);

    const tweet = await post(maria, 'Outro post');
    await like(ana, tweet.id);
    await runtime.outbox.waitFor({ channel: 'push', to: live }, 25_000);
    await eventually(async () => (await devicesOf(maria)).length === 1, { what: 'the disabled device removed' });
    await settled();
    expect((await devicesOf(maria)).map((device) => device.token)).toEqual([live]);
    expect(runtime.fakes.sns.endpointOf(dead)).toBeUndefined();
    expect(await tokenLookup(dead)).toBeUndefined();
    expect(runtime.outbox.list({ channel: 'push', to: dead })).toEqual([]);
    expect(await unread(maria)).toBe(1);
  });
});

describe('logs', () => {
  it('hold no device token and no post text', () => {
    // The functions' own lines are here: the disabled device's removal was logged.
    expect(lines.some((line) => line.includes('push endpoint disabled or gone'))).toBe(true);
    const leaks = lines.filter((line) => tokens.some((token) => line.includes(token)) || /Um post|Outro post/.test(line));
    expect(leaks).toEqual([]);
  });
});
