/**
 * Deleting an account: DELETE /me schedules it 30 days ahead and ends every
 * session; she may log in and POST /reactivate until then; the minute
 * schedule then deletes everything she owns, leaving only a log of hashes.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { jwtCodec } from '../../../shared/auth/jwt.ts';
import penhas from '../../../functions/penhas/service.ts';
import { activeAccountIndexKeys, cpfHash, cpfKeyOfHash, deleteLogKey, emailKey, sessionKey, userKey, userSessionKey } from '../../../functions/penhas/keys.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const profile = async (id: number) => (await h.table.partition(userKey(id).pk)).find((item) => item.sk === 'PROFILE') as Record<string, any> | undefined;
const itemAt = async (key: { pk: string; sk: string }) => (await h.table.partition(key.pk)).find((item) => item.sk === key.sk);

const deleteMe = (account: SeededAccount, senha = account.password) =>
  h.app.delete('/me', { apiKey: account.session, query: { senha_atual: senha, app_version: 'Android 14, Pixel, 3.0.0' } });

const loginReply = (email: string, senha: string) =>
  h.app.post('/login', { query: { app_version: 'test' }, rawBody: `email=${email}&senha=${senha}`, ip: freshIp() });

const fireSweep = async () => {
  const fired = await fetch(`${runtime.url}/_local/schedules/penhas/account-deletions`, { method: 'POST' });
  expect(fired.status).toBe(202);
};

/** A session opened as login opens one (its items and its token), without ending the others. */
async function openSecondSession(userId: number): Promise<string> {
  const sessionId = randomUUID();
  const createdAt = new Date().toISOString();
  await h.table.put({ ...sessionKey(sessionId), userId, createdAt });
  await h.table.put({ ...userSessionKey(userId, sessionId), sessionId, createdAt });
  const codec = jwtCodec({ key: { algorithm: 'HS384', secret: penhas.localEnvironment!.SESSION_JWT_KEY }, claims: z.looseObject({}) });
  return codec.sign({ ses: sessionId, typ: 'usr', uid: userId });
}

/** Moves her scheduled deletion into the past, as 30 days would. */
async function makeDue(id: number): Promise<void> {
  const user = (await profile(id))!;
  const past = '2020-01-01T00:00:00.000Z';
  await h.table.put({ ...user, perform_delete_at: past, gsi1sk: `${past}#${id}` });
}

describe('DELETE /me', () => {
  it('schedules the deletion in 30 days and ends every session at once', async () => {
    const account = await h.seedAccount();
    // Login ends the other sessions, so a second live one (another device, say) is opened by hand.
    const otherSession = await openSecondSession(account.id);
    expect((await h.app.get('/me', { apiKey: otherSession })).status).toBe(200);
    const reply = await deleteMe(account);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');

    const user = (await profile(account.id))!;
    expect(user.status).toBe('deleted_scheduled');
    const due = Date.parse(user.perform_delete_at);
    expect(due - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(due - Date.now()).toBeLessThan(30.1 * 86_400_000);
    // Out of the active-accounts index: broadcasts no longer reach her.
    expect(user.gsi1pk).toBe('DELETION_DUE');
    expect(user.gsi1sk).toBe(`${user.perform_delete_at}#${account.id}`);
    expect(JSON.parse(user.deleted_scheduled_meta)).toMatchObject({ app_version: 'Android 14, Pixel, 3.0.0', delete: 1, ip: expect.any(String) });
    const notice = await eventually(() => runtime.outbox.list({ channel: 'email', to: account.email })[0], { what: 'the deletion notice' });
    expect(notice.payload).toMatchObject({ subject: 'PenhaS - Remoção de conta', text: expect.stringContaining('Android 14, Pixel, 3.0.0') });

    for (const token of [account.session, otherSession]) {
      const after = await h.app.get('/me', { apiKey: token });
      expect(after.status).toBe(403);
      expect(after.body.error).toBe('jwt_logout');
    }
    expect((await h.table.partition(userKey(account.id).pk)).filter((item) => String(item.sk).startsWith('SESSION#'))).toEqual([]);
  });

  it('needs her current password and the app version', async () => {
    const account = await h.seedAccount();
    const wrong = await deleteMe(account, 'nao-e-essa');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: 'form_error', field: 'senha_atual', reason: 'invalid', message: 'Senha atual não confere.' });
    const short = await deleteMe(account, '12345');
    expect(short.body).toMatchObject({ error: 'form_error', field: 'senha_atual', reason: 'invalid_min_length' });
    const noVersion = await h.app.delete('/me', { apiKey: account.session, query: { senha_atual: account.password } });
    expect(noVersion.body).toMatchObject({ error: 'form_error', field: 'app_version', reason: 'is_required' });
    expect((await profile(account.id))!.status).toBe('active');
  });

  it('is explained by GET /me/delete-text', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.get('/me/delete-text', { apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body.text).toContain('O seu perfil será desativado por 30 dias');
  });
});

describe('POST /reactivate', () => {
  it('lets her log in again (deleted_scheduled: 1), keeps /me closed, and reactivates the account', async () => {
    const account = await h.seedAccount();
    expect((await deleteMe(account)).status).toBe(204);

    const login = await loginReply(account.email, account.password);
    expect(login.status).toBe(200);
    expect(login.body.deleted_scheduled).toBe(1);
    const session = login.body.session as string;
    expect((await h.app.get('/me', { apiKey: session })).status).toBe(404);

    // The app sends the token as the api_key query parameter here.
    const reply = await h.app.post('/reactivate', { query: { app_version: '3.0.0', api_key: session } });
    expect(reply.status).toBe(204);
    expect((await h.app.get('/me', { apiKey: session })).status).toBe(200);
    const user = (await profile(account.id))!;
    expect(user.status).toBe('active');
    expect(user).not.toHaveProperty('perform_delete_at');
    // Back in the active-accounts index, which broadcasts read.
    expect(user).toMatchObject(activeAccountIndexKeys(account.id));
    expect(JSON.parse(user.deleted_scheduled_meta)).toMatchObject({ reactivate: 1, previous: { delete: 1 } });
    await eventually(
      () =>
        runtime.outbox
          .list({ channel: 'email', to: account.email })
          .some((m) => (m.payload as { subject?: string }).subject === 'PenhaS - Reativação de conta'),
      {
        what: 'the reactivation notice',
      },
    );
  });

  it('answers 404 for an account that is not scheduled for deletion, and form_error without app_version', async () => {
    const account = await h.seedAccount();
    const active = await h.app.post('/reactivate', { apiKey: account.session, query: { app_version: '3.0.0' } });
    expect(active.status).toBe(404);
    expect(active.body).toEqual({ error: 'Page not found', message: 'Página ou item não existe' });
    const noVersion = await h.app.post('/reactivate', { apiKey: account.session });
    expect(noVersion.body).toMatchObject({ error: 'form_error', field: 'app_version', reason: 'is_required' });
  });
});

describe('account deletion sweep (every minute)', () => {
  async function doomedAccount() {
    const cpf = String(10_000_000_000 + Math.floor(Math.random() * 89_999_999_999));
    const account = await h.seedAccount({ cpf_hash: cpfHash(cpf) });
    await h.table.put({ ...cpfKeyOfHash(cpfHash(cpf)), userId: account.id });
    // A guardian whose invite token lives outside her partition, named by `refs`.
    const token = { pk: `GUARDIAN_TOKEN#t${account.id}`, sk: 'GUARDIAN_TOKEN' };
    await h.table.put({ ...token, userId: account.id });
    await h.table.put({ pk: userKey(account.id).pk, sk: 'GUARDIAN#000000001', nome: 'Irmã', refs: [token] });
    await h.app.post('/me/preferences', { apiKey: account.session, query: { NOTIFY_CHAT_NEW_MESSAGES: '0' } });
    await h.app.post('/me/call-police-pressed', { apiKey: account.session });
    expect((await deleteMe(account)).status).toBe(204);
    // She logs in during the 30 days: that session must go too.
    const session = (await loginReply(account.email, account.password)).body.session as string;
    return { account, cpf, token, session };
  }

  it('deletes everything a due account owns and leaves a log of hashes only', async () => {
    const { account, cpf, token, session } = await doomedAccount();
    const bystander = await h.seedAccount();
    // What others keep about her: a block of her profile and a report against it; and a block of hers.
    await h.app.post('/block-profile', { apiKey: bystander.session, query: { cliente_id: account.id } });
    await h.app.post('/report-profile', { apiKey: bystander.session, query: { cliente_id: account.id, reason: 'x' } });
    const bystanderBlocksOther = await h.seedAccount();
    await h.app.post('/block-profile', { apiKey: bystander.session, query: { cliente_id: bystanderBlocksOther.id } });
    await makeDue(account.id);

    await fireSweep();
    await eventually(async () => (await h.table.partition(userKey(account.id).pk)).length === 0, { what: 'her partition emptied', intervalMs: 200 });

    expect(await itemAt(emailKey(account.email))).toBeUndefined();
    expect(await itemAt(cpfKeyOfHash(cpfHash(cpf)))).toBeUndefined();
    expect(await itemAt(token)).toBeUndefined();
    expect((await h.app.get('/me', { apiKey: session })).status).toBe(403);

    const log = await itemAt(deleteLogKey(account.id));
    expect(log).toMatchObject({ email_sha256: expect.stringMatching(/^[0-9a-f]{64}$/), cpf_hash: cpfHash(cpf), deleted_at: expect.any(String) });
    const written = JSON.stringify(log);
    expect(written).not.toContain(account.email);
    expect(written).not.toContain(account.email.split('@')[0]);
    expect(written).not.toContain(cpf);
    expect(written).not.toContain('MARIA');

    expect((await h.app.get('/me', { apiKey: bystander.session })).status).toBe(200);
    expect(await itemAt(emailKey(bystander.email))).toBeDefined();
    const kept = (await h.table.partition(userKey(bystander.id).pk)).map((item) => String(item.sk));
    expect(kept.filter((sk) => sk.startsWith('BLOCK#') || sk.startsWith('REPORT#'))).toEqual([`BLOCK#${bystanderBlocksOther.id}`]);
  }, 60_000);

  it("deletes her guardians' invite tokens, kept outside her partition", async () => {
    const account = await h.seedAccount();
    const invited = await h.app.post('/me/guardioes', { apiKey: account.session, query: { nome: 'Irmã', celular: '11 99999-0001' } });
    expect(invited.status).toBe(200);
    const guardian = (await h.table.partition(userKey(account.id).pk)).find((item) => String(item.sk).startsWith('GUARDIAN#'))!;
    const tokens = guardian.refs as Array<{ pk: string; sk: string }>;
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(await itemAt(token)).toBeDefined();

    expect((await deleteMe(account)).status).toBe(204);
    await makeDue(account.id);
    await fireSweep();
    await eventually(async () => (await profile(account.id)) === undefined, { what: 'the account deleted', intervalMs: 200 });
    for (const token of tokens) expect(await itemAt(token)).toBeUndefined();
  }, 60_000);

  it("deletes her devices' SNS endpoints, and nobody else's", async () => {
    const account = await h.seedAccount();
    const other = await h.seedAccount();
    const phone = `f${randomUUID().replaceAll('-', '')}:APA91b-her-phone`;
    const tablet = randomUUID().replaceAll('-', '').repeat(2);
    const othersPhone = `f${randomUUID().replaceAll('-', '')}:APA91b-other-phone`;
    for (const [who, token, platform] of [
      [account, phone, 'android'],
      [account, tablet, 'ios'],
      [other, othersPhone, 'android'],
    ] as const) {
      const registered = await h.app.post('/me/devices', { apiKey: who.session, query: { token, platform } });
      expect(registered.status, registered.text).toBe(200);
    }
    expect(runtime.fakes.sns.endpointOf(phone)).toBeDefined();
    expect(runtime.fakes.sns.endpointOf(tablet)).toBeDefined();

    expect((await deleteMe(account)).status).toBe(204);
    // Scheduled only: her devices keep their endpoints while she may still come back.
    expect(runtime.fakes.sns.endpointOf(phone)).toBeDefined();
    await makeDue(account.id);
    await fireSweep();
    await eventually(async () => (await profile(account.id)) === undefined, { what: 'the account deleted', intervalMs: 200 });

    expect(runtime.fakes.sns.endpointOf(phone)).toBeUndefined();
    expect(runtime.fakes.sns.endpointOf(tablet)).toBeUndefined();
    expect(runtime.fakes.sns.endpointOf(othersPhone)).toMatchObject({ enabled: true });
  }, 60_000);

  it('leaves accounts whose deletion is not due, and reactivated ones', async () => {
    const { account: notDue } = await doomedAccount();
    const { account: reactivated, session } = await doomedAccount();
    await makeDue(reactivated.id);
    await h.app.post('/reactivate', { apiKey: session, query: { app_version: '3.0.0' } });
    // A stale index entry must not delete her either.
    await h.table.put({ ...(await profile(reactivated.id))!, gsi1pk: 'DELETION_DUE', gsi1sk: `2020-01-01T00:00:00.000Z#${reactivated.id}` });

    const { account: due } = await doomedAccount();
    await makeDue(due.id);
    await fireSweep();
    await eventually(async () => (await profile(due.id)) === undefined, { what: 'the due account deleted', intervalMs: 200 });
    expect((await profile(notDue.id))!.status).toBe('deleted_scheduled');
    expect((await profile(reactivated.id))!.status).toBe('active');
    expect(await itemAt(emailKey(reactivated.email))).toBeDefined();
  });

  it('finishes a deletion cut short, without touching a sentinel someone else has claimed since', async () => {
    const { account, cpf, session } = await doomedAccount();
    // What a run that crashed midway leaves: the account marked, the e-mail sentinel already gone and taken by a new account.
    const user = (await profile(account.id))!;
    await h.table.put({ ...user, status: 'deleting', perform_delete_at: '2020-01-01T00:00:00.000Z', gsi1sk: `2020-01-01T00:00:00.000Z#${account.id}` });
    await h.table.put({ ...emailKey(account.email), userId: 42 });

    await fireSweep();
    await eventually(async () => (await h.table.partition(userKey(account.id).pk)).length === 0, { what: 'her partition emptied', intervalMs: 200 });
    expect(await itemAt(emailKey(account.email))).toMatchObject({ userId: 42 });
    expect(await itemAt(cpfKeyOfHash(cpfHash(cpf)))).toBeUndefined();
    expect((await h.app.get('/me', { apiKey: session })).status).toBe(403);
    expect(await itemAt(deleteLogKey(account.id))).toBeDefined();
  });
});
