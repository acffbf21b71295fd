/**
 * Password reset as the app drives it: POST /reset-password/request-new sends
 * a 6-digit code by e-mail (read here from the outbox, where the local e-mail
 * adapter puts it), POST /reset-password/write-new checks it (`dry=1`) and
 * sets the new password, ending every session.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordResetKey } from '../../../functions/penhas/keys.ts';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const requestNew = (email: string, ip = freshIp()) => h.app.post('/reset-password/request-new', { query: { email, app_version: '3.0.0' }, ip });
const writeNew = (query: Record<string, string | number | undefined>, ip = freshIp()) => h.app.post('/reset-password/write-new', { query, ip });

/** The code in the latest reset e-mail to `email`. */
async function codeSentTo(email: string, since: string): Promise<string> {
  const record = await runtime.outbox.waitFor({ channel: 'email', to: email, since }, 15_000);
  const text = (record.payload as { text: string; subject: string }).text;
  expect((record.payload as { subject: string }).subject).toBe('PenhaS - Recuperação de senha');
  return /código (\d{6}) /.exec(text)![1];
}

describe('POST /reset-password/request-new', () => {
  it('e-mails a 6-digit code and says so', async () => {
    const account = await h.seedAccount();
    const since = new Date().toISOString();
    const reply = await requestNew(account.email);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ message: 'Enviamos um código com 6 números para o seu e-mail', ttl: 3600, digits: 6, min_ttl_retry: 216 });
    const code = await codeSentTo(account.email, since);
    expect(code).toMatch(/^\d{6}$/);
    const [mail] = runtime.outbox.list({ channel: 'email', to: account.email });
    expect((mail.payload as { text: string }).text).toContain('CPF com início 529');
  });

  it('sends nothing more while a recent code is awaited', async () => {
    const account = await h.seedAccount();
    await requestNew(account.email);
    await runtime.outbox.waitFor({ channel: 'email', to: account.email }, 15_000);
    const again = await requestNew(account.email);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      message: 'Aguardando código com 6 números, que enviamos o para o seu e-mail recentemente',
      digits: 6,
      min_ttl_retry: 216,
    });
    expect(again.body.ttl).toBeGreaterThan(3500);
    await runtime.queues.drained('penhas-email');
    expect(runtime.outbox.list({ channel: 'email', to: account.email })).toHaveLength(1);
  });

  it('answers email_not_found for an unknown e-mail, as the original', async () => {
    const reply = await requestNew('ninguem-aqui@example.com');
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: 'email_not_found',
      message: 'Não foi encontrado nenhuma conta com esse endereço de e-mail.',
      field: 'email',
      reason: 'invalid',
    });
  });

  it('allows 5 requests an hour from one address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await requestNew('ninguem-aqui@example.com', ip)).status).toBe(400);
    const sixth = await requestNew('ninguem-aqui@example.com', ip);
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toBe('too_many_requests');
  });

  it('answers form_error for a missing or malformed e-mail', async () => {
    const missing = await h.app.post('/reset-password/request-new', { query: { app_version: '1' }, ip: freshIp() });
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'email', reason: 'is_required' });
    const malformed = await requestNew('não é e-mail');
    expect(malformed.body).toMatchObject({ error: 'form_error', field: 'email', reason: 'invalid' });
  });
});

describe('POST /reset-password/write-new', () => {
  it('runs the original scenario: wrong code, missing password, same password, dry run, success, code used once', async () => {
    const account = await h.seedAccount({ password: 'Antiga-senha-1' });
    const other = await h.app.login(account.email, account.password);
    const since = new Date().toISOString();
    await requestNew(account.email);
    const token = await codeSentTo(account.email, since);

    const wrong = await writeNew({ email: account.email, dry: 1, token: token === '000000' ? '111111' : '000000' });
    expect(wrong.body).toEqual({ error: 'invalid_token', message: 'Número não confere.', field: 'token', reason: 'invalid' });
    const noPassword = await writeNew({ email: account.email, dry: 0, token: '1A`S345678' });
    expect(noPassword.body).toMatchObject({ error: 'form_error', field: 'senha', reason: 'is_required' });
    const weak = await writeNew({ email: account.email, dry: 0, token, senha: 'fraca' });
    expect(weak.body.error).toBe('pass_too_weak/size');
    const same = await writeNew({ email: account.email, dry: 0, token, senha: 'Antiga-senha-1' });
    expect(same.body).toEqual({
      error: 'pass_same_as_before',
      message: 'A nova senha não pode ser igual à anterior, use uma senha diferente.',
      field: 'senha',
      reason: 'invalid',
    });
    expect((await writeNew({ email: account.email, dry: 1, token })).body).toEqual({ continue: 1 });
    expect((await writeNew({ email: account.email, dry: 0, token, senha: 'abc1A`S345678' })).body).toEqual({ success: 1 });
    expect((await writeNew({ email: account.email, dry: 0, token, senha: 'abc1A`S345678' })).body.error).toBe('invalid_token');

    // Every session ended; the new password logs in, the old one does not.
    expect((await h.app.post('/logout', { apiKey: other })).status).toBe(403);
    expect(await h.app.login(account.email, 'abc1A`S345678')).toEqual(expect.any(String));
    const old = await h.app.post('/login', { query: { app_version: '1' }, rawBody: `email=${account.email}&senha=Antiga-senha-1`, ip: freshIp() });
    expect(old.body.error).toBe('wrongpassword');
  });

  it('answers invalid_token for an unknown e-mail and for an expired code', async () => {
    expect((await writeNew({ email: 'ninguem-aqui@example.com', dry: 1, token: '123456' })).body.error).toBe('invalid_token');
    const account = await h.seedAccount();
    const hour = 3600 * 1000;
    await h.table.put({
      ...passwordResetKey(account.id),
      codeHash: createHash('sha256').update('123456').digest('hex'),
      createdAt: Date.now() - 2 * hour,
      validUntil: Date.now() - hour,
    });
    expect((await writeNew({ email: account.email, dry: 1, token: '123456' })).body.error).toBe('invalid_token');
  });

  it('takes at most 10 wrong guesses per code', async () => {
    const account = await h.seedAccount();
    await h.table.put({
      ...passwordResetKey(account.id),
      codeHash: createHash('sha256').update('123456').digest('hex'),
      createdAt: Date.now(),
      validUntil: Date.now() + 3600 * 1000,
    });
    for (let i = 0; i < 10; i++) expect((await writeNew({ email: account.email, dry: 1, token: `99999${i}` })).body.error).toBe('invalid_token');
    expect((await writeNew({ email: account.email, dry: 1, token: '123456' })).body.error).toBe('invalid_token');
  });

  it('allows 30 attempts an hour from one address', async () => {
    const ip = freshIp();
    for (let i = 0; i < 30; i++) expect((await writeNew({ email: 'ninguem-aqui@example.com', dry: 1, token: '123456' }, ip)).status).toBe(400);
    expect((await writeNew({ email: 'ninguem-aqui@example.com', dry: 1, token: '123456' }, ip)).status).toBe(429);
  });

  it('answers form_error for malformed parameters', async () => {
    const short = await writeNew({ email: 'a@example.com', dry: 1, token: '123' });
    expect(short.body).toEqual({
      error: 'form_error',
      field: 'token',
      reason: 'invalid_min_length',
      message: 'Campos não foram preenchidos corretamente (token) mínimo: 6 enviado: 3',
    });
    expect((await writeNew({ email: 'a@example.com', token: '123456' })).body).toMatchObject({ field: 'dry', reason: 'is_required' });
  });
});
