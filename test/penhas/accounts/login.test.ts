/**
 * POST /login as the app sends it: `app_version` in the query, the body
 * `email=…&senha=…` not encoded, each test from its own client address.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { freshIp, penhasHarness } from '../app-client.ts';
import { sharedRuntime } from '../../support/runtime.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const login = (email: string, senha: string, ip = freshIp()) =>
  h.app.post('/login', { query: { app_version: '3.0.0' }, rawBody: `email=${email}&senha=${senha}`, ip });

describe('POST /login', () => {
  it('answers a session token that opens /me… routes', async () => {
    const account = await h.seedAccount();
    const reply = await login(account.email, account.password);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['session']);
    expect(typeof reply.body.session).toBe('string');
  });

  it('answers an unknown e-mail and a wrong password with the original codes and texts', async () => {
    const account = await h.seedAccount();
    const unknown = await login('ninguem@example.com', 'Senha-forte-1');
    const wrong = await login(account.email, 'Outra-senha-1');
    expect(unknown.status).toBe(400);
    expect(wrong.status).toBe(400);
    expect(unknown.body).toEqual({ error: 'notfound', message: 'Você ainda não possui cadastro conosco.', field: 'password', reason: 'invalid' });
    expect(wrong.body).toEqual({ error: 'wrongpassword', message: 'E-mail ou senha inválida.', field: 'password', reason: 'invalid' });
  });

  it('refuses a password the policy would refuse without looking the account up', async () => {
    const reply = await login('ninguem@example.com', '12345678');
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('wrongpassword_tooweak');
    expect(reply.body.message).toBe('Sua senha é fraca. Por favor, clique no botão "Esqueci minha senha" para resetar.');
  });

  it('accepts passwords and e-mails holding +, % and & sent unencoded', async () => {
    const account = await h.seedAccount({ email: `maria+${Date.now()}@example.com`, password: 'a+b%20c&d-1X' });
    const reply = await login(account.email, account.password);
    expect(reply.status).toBe(200);
    expect(reply.body.session).toEqual(expect.any(String));
  });

  it('accepts an encoded body too', async () => {
    const account = await h.seedAccount({ password: 'um pouco+estranha-1' });
    const reply = await h.app.post('/login', { query: { app_version: '3.0.0' }, form: { email: account.email, senha: account.password }, ip: freshIp() });
    expect(reply.status).toBe(200);
  });

  it('answers form_error for missing or malformed parameters', async () => {
    const noEmail = await h.app.post('/login', { query: { app_version: '1' }, rawBody: 'senha=Senha-forte-1', ip: freshIp() });
    expect(noEmail.status).toBe(400);
    expect(noEmail.body).toEqual({ error: 'form_error', field: 'email', reason: 'is_required', message: 'Campos não foram preenchidos corretamente (email)' });
    const badEmail = await login('nao-e-email', 'Senha-forte-1');
    expect(badEmail.body).toMatchObject({ error: 'form_error', field: 'email', reason: 'invalid' });
    const long = await login(`${'a'.repeat(200)}@example.com`, 'Senha-forte-1');
    expect(long.body).toEqual({
      error: 'form_error',
      field: 'email',
      reason: 'invalid_max_length',
      message: 'Campos não foram preenchidos corretamente (email) máximo: 200 enviado: 212',
    });
    const noVersion = await h.app.post('/login', { rawBody: 'email=a@example.com&senha=Senha-forte-1', ip: freshIp() });
    expect(noVersion.body).toMatchObject({ error: 'form_error', field: 'app_version', reason: 'is_required' });
  });

  it('allows 3 logins a minute from one address, then 429, while another address logs in', async () => {
    const account = await h.seedAccount();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await login(account.email, 'Errada-senha-1', ip)).status).toBe(400);
    const fourth = await login(account.email, account.password, ip);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toBe('too_many_requests');
    expect((await login(account.email, account.password)).status).toBe(200);
  });

  it('locks the account for a day after 15 wrong passwords within an hour', async () => {
    const account = await h.seedAccount();
    for (let i = 0; i < 15; i++) expect((await login(account.email, `Errada-senha-${i}`)).body.error).toBe('wrongpassword');
    const locked = await login(account.email, account.password);
    expect(locked.status).toBe(400);
    expect(locked.body).toEqual({ error: 'login_status_nok', message: 'Logon para este e-mail está suspenso temporariamente.' });
  });

  it('unlocks an account whose lock is older than a day', async () => {
    const blockedAt = new Date(Date.now() - 25 * 3600 * 1000).toISOString();
    const account = await h.seedAccount({ login_status: 'NOK', login_status_last_blocked_at: blockedAt });
    expect(account.session).toEqual(expect.any(String));
    const [profile] = (await h.table.partition(`USER#${account.id}`)).filter((item) => item.sk === 'PROFILE');
    expect(profile.login_status).toBe('OK');
  });

  it('refuses an account blocked for good', async () => {
    await expect(h.seedAccount({ login_status: 'BLOCK' })).rejects.toThrow(/login_status_block/);
  });

  it('accepts a legacy unsalted SHA-256 or MD5 hash and replaces it with scrypt', async () => {
    for (const algorithm of ['sha256', 'md5']) {
      const account = await h.seedAccount();
      const password = 'Legado-senha-1';
      await h.table.put({ ...account.user, password_hash: createHash(algorithm).update(password).digest('hex') });
      expect((await login(account.email, password)).status).toBe(200);
      const [profile] = (await h.table.partition(`USER#${account.id}`)).filter((item) => item.sk === 'PROFILE');
      expect(profile.password_hash).toMatch(/^\$scrypt\$/);
      expect((await login(account.email, password)).status).toBe(200);
    }
  });

  it('ends the account’s other sessions', async () => {
    const account = await h.seedAccount();
    const second = await login(account.email, account.password);
    expect(second.status).toBe(200);
    const sessions = (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('SESSION#'));
    expect(sessions).toHaveLength(1);
    // The first token no longer opens anything.
    const old = await h.app.post('/logout', { apiKey: account.session });
    expect(old.status).toBe(403);
    expect(old.body.error).toBe('jwt_logout');
  });

  it('answers deleted_scheduled: 1 for an account scheduled for deletion, and refuses a banned one', async () => {
    const scheduled = await h.seedAccount({ status: 'deleted_scheduled' });
    const reply = await login(scheduled.email, scheduled.password);
    expect(reply.body).toEqual({ deleted_scheduled: 1, session: expect.any(String) });
    await expect(h.seedAccount({ status: 'banned' })).rejects.toThrow(/"ban"/);
  });
});

describe('POST /logout', () => {
  it('ends the session: 204, then the token answers 403 jwt_logout', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.post('/logout', { apiKey: account.session });
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    const again = await h.app.post('/logout', { apiKey: account.session });
    expect(again.status).toBe(403);
    expect(again.body).toEqual({ error: 'jwt_logout', message: 'Está sessão não está mais válida (Usuário saiu)' });
  });

  it('answers 401 missing_jwt without a token and 400 expired_jwt for garbage', async () => {
    const missing = await h.app.post('/logout');
    expect(missing.status).toBe(401);
    expect(missing.body.error).toBe('missing_jwt');
    const garbage = await h.app.post('/logout', { apiKey: 'not-a-token' });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error).toBe('expired_jwt');
  });

  it('takes the token from the api_key query parameter too', async () => {
    const account = await h.seedAccount();
    expect((await h.app.post('/logout', { query: { api_key: account.session } })).status).toBe(204);
  });
});
