/**
 * GET/PUT /me, the profile switches and the counters, as the app calls them:
 * the session in `X-Api-Key`, parameters in the query string.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { userKey } from '../../../functions/penhas/keys.ts';
import { penhasHarness } from '../app-client.ts';
import { sharedRuntime } from '../../support/runtime.ts';

const runtime = sharedRuntime({ services: [penhas], environment: { DB_OP_COUNT_HEADER: 'true' } });
const h = penhasHarness(runtime);

const stored = async (id: number) => (await h.table.partition(userKey(id).pk)).find((item) => item.sk === 'PROFILE') as Record<string, any>;
const codes = (reply: { body: any }) => reply.body.modules.map((m: { code: string }) => m.code);

describe('GET /me', () => {
  it("answers a woman's profile and the community modules with their settings", async () => {
    const account = await h.seedAccount({ genero: 'Feminino', minibio: 'olá', skills: [3, 1] });
    const reply = await h.app.get('/me', { apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body.user_profile).toEqual({
      avatar_url: 'https://api.penhas.com.br/avatar/padrao.svg',
      ja_foi_vitima_de_violencia: 0,
      modo_camuflado_ativo: 0,
      modo_anonimo_ativo: 0,
      email: account.email,
      apelido: account.user.apelido,
      cep: '01310100',
      dt_nasc: '1990-05-14',
      nome_completo: 'MARIA DA SILVA',
      genero: 'Feminino',
      minibio: 'olá',
      raca: 'pardo',
      cpf_prefix: '5299',
      nome_social: null,
      skills: [1, 3],
      badges: [],
    });
    expect(reply.body.qtde_guardioes_ativos).toBe(0);
    expect(reply.body).not.toHaveProperty('anonymous_avatar_url');
    expect(codes(reply)).toEqual(['tweets', 'chat_privado', 'chat_suporte', 'pontos_de_apoio', 'modo_seguranca', 'noticias', 'mf']);
    const meta = Object.fromEntries(reply.body.modules.map((m: { code: string; meta: unknown }) => [m.code, m.meta]));
    expect(meta).toEqual({
      tweets: { max_length: 2200 },
      chat_privado: { polling_rate: '20' },
      chat_suporte: { polling_rate: '20' },
      pontos_de_apoio: {},
      modo_seguranca: { numero: '190', audio_each_duration: '901', audio_full_duration: '901' },
      noticias: {},
      mf: { max_checkbox_contato: 3 },
    });
  });

  it('gives trans women the same modules, and men and others only support chat, support points and news', async () => {
    const trans = await h.seedAccount({ genero: 'MulherTrans', nome_social: 'Ana' });
    expect(codes(await h.app.get('/me', { apiKey: trans.session }))).toContain('tweets');
    for (const genero of ['Masculino', 'HomemTrans', 'Outro'] as const) {
      const account = await h.seedAccount({ genero });
      const reply = await h.app.get('/me', { apiKey: account.session });
      expect(codes(reply)).toEqual(['chat_suporte', 'pontos_de_apoio', 'noticias']);
    }
  });

  it('shows the anonymous avatar while anonymous mode is on', async () => {
    const account = await h.seedAccount({ modo_anonimo_ativo: 1 });
    const reply = await h.app.get('/me', { apiKey: account.session });
    expect(reply.body.user_profile.modo_anonimo_ativo).toBe(1);
    expect(reply.body.anonymous_avatar_url).toBe('https://api.penhas.com.br/avatar/anonimo.svg');
  });

  it('takes the session from the api_key query parameter too', async () => {
    const account = await h.seedAccount();
    expect((await h.app.get('/me', { query: { api_key: account.session } })).status).toBe(200);
  });

  it('reads the session and the user in one batch, then only what the quiz engine needs: a bounded count, no Scan', async () => {
    for (const genero of ['Feminino', 'Masculino'] as const) {
      const account = await h.seedAccount({ genero });
      for (const _ of [1, 2, 3]) {
        const reply = await h.app.get('/me', { apiKey: account.session });
        const byCommand = String(reply.headers['x-db-operations-by-command']);
        expect(byCommand).not.toMatch(/Scan/);
        expect(byCommand).toMatch(/BatchGetItem=1(,|$)/);
        // 2 for the session (the batch read, the request counter); the rest is the quiz engine's, most when it starts a session.
        expect(Number(reply.headers['x-db-operations'])).toBeLessThanOrEqual(8);
      }
    }
  });

  it('answers 404 for an account that is not active', async () => {
    const account = await h.seedAccount();
    await h.table.put({ ...(await stored(account.id)), status: 'banned' });
    const reply = await h.app.get('/me', { apiKey: account.session });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ error: 'Page not found', message: 'Página ou item não existe' });
  });

  it('answers 401 missing_jwt without a session and 400 expired_jwt for a token that does not decode', async () => {
    expect((await h.app.get('/me')).body.error).toBe('missing_jwt');
    const bad = await h.app.get('/me', { apiKey: 'not-a-token' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('expired_jwt');
  });
});

describe('PUT /me', () => {
  it('changes nickname, bio and race, and answers as GET /me', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.put('/me', { apiKey: account.session, query: { apelido: 'ze pequenoあ', minibio: 'sora wo', raca: 'amarelo' } });
    expect(reply.status).toBe(200);
    expect(reply.body.user_profile).toMatchObject({ apelido: 'ze pequenoあ', minibio: 'sora wo', raca: 'amarelo' });
    expect(reply.body.modules.length).toBeGreaterThan(0);
    expect((await h.app.get('/me', { apiKey: account.session })).body.user_profile.apelido).toBe('ze pequenoあ');
  });

  it('answers the profile unchanged for no parameters', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.put('/me', { apiKey: account.session });
    expect(reply.status).toBe(200);
    expect(reply.body.user_profile.apelido).toBe(account.user.apelido);
  });

  it('sets, clears and removes skills, refusing an unknown one by its id', async () => {
    const account = await h.seedAccount();
    const unknown = await h.app.put('/me', { apiKey: account.session, query: { skills: '12225' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ error: 'form_error', field: 'skills', reason: 'invalid', message: 'Skill ID 12225 não é válido' });
    const set = await h.app.put('/me', { apiKey: account.session, query: { skills: '3,1,3' } });
    expect(set.body.user_profile.skills).toEqual([1, 3]);
    expect((await h.app.put('/me', { apiKey: account.session, query: { skills: '' } })).body.user_profile.skills).toEqual([]);
    await h.app.put('/me', { apiKey: account.session, query: { skills: '2' } });
    expect((await h.app.put('/me', { apiKey: account.session, query: { skills_remove: '1' } })).body.user_profile.skills).toEqual([]);
    const malformed = await h.app.put('/me', { apiKey: account.session, query: { skills: '1,,2' } });
    expect(malformed.body).toMatchObject({ error: 'form_error', field: 'skills', reason: 'invalid' });
  });

  it('needs the current password to change the e-mail or the password', async () => {
    const account = await h.seedAccount();
    const noCurrent = await h.app.put('/me', { apiKey: account.session, query: { senha: 'Nova-senha-22' } });
    expect(noCurrent.status).toBe(400);
    expect(noCurrent.body).toMatchObject({ error: 'form_error', field: 'senha_atual', reason: 'is_required' });
    const wrong = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: 'foobar', email: 'nova@example.com' } });
    expect(wrong.body).toEqual({ error: 'form_error', field: 'senha_atual', reason: 'invalid', message: 'Senha atual não confere.' });
  });

  it("refuses a weak new password with the policy's code", async () => {
    const account = await h.seedAccount();
    const reply = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: account.password, senha: '1234578' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('pass_too_weak');
  });

  it('changes the password: the new one logs in, the old one no longer does', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: account.password, senha: 'XXD~EFWDA1' } });
    expect(reply.status).toBe(200);
    expect(await h.app.login(account.email, 'XXD~EFWDA1')).toEqual(expect.any(String));
    await expect(h.app.login(account.email, account.password)).rejects.toThrow(/400/);
  });

  it("changes the e-mail, moving the login to it; another account's e-mail is refused as duplicate", async () => {
    const [account, other] = await Promise.all([h.seedAccount(), h.seedAccount()]);
    const taken = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: account.password, email: other.email.toUpperCase() } });
    expect(taken.status).toBe(400);
    expect(taken.body).toEqual({ error: 'form_error', field: 'email', reason: 'duplicate', message: 'O e-mail já está em uso em outra conta' });
    const same = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: account.password, email: account.email } });
    expect(same.status).toBe(200);
    const newEmail = `Nova${account.id}@Example.com`;
    const moved = await h.app.put('/me', { apiKey: account.session, query: { senha_atual: account.password, email: newEmail } });
    expect(moved.status).toBe(200);
    expect(moved.body.user_profile.email).toBe(newEmail.toLowerCase());
    expect(await h.app.login(newEmail.toLowerCase(), account.password)).toEqual(expect.any(String));
    await expect(h.app.login(account.email, account.password)).rejects.toThrow(/400/);
  });

  it('answers form_error for bad values', async () => {
    const account = await h.seedAccount();
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ apelido: 'a' }, 'apelido', 'invalid_min_length'],
      [{ apelido: 'a'.repeat(41) }, 'apelido', 'invalid_max_length'],
      [{ minibio: 'a'.repeat(2201) }, 'minibio', 'invalid_max_length'],
      [{ raca: 'azul' }, 'raca', 'invalid'],
      [{ email: 'nao-e-email', senha_atual: account.password }, 'email', 'invalid'],
      [{ skills_remove: 'x' }, 'skills_remove', 'invalid'],
    ];
    for (const [query, field, reason] of cases) {
      const reply = await h.app.put('/me', { apiKey: account.session, query });
      expect(reply.status, JSON.stringify(query)).toBe(400);
      expect(reply.body, JSON.stringify(query)).toMatchObject({ error: 'form_error', field, reason });
    }
  });
});

describe('POST /me/…-toggle', () => {
  it('switches anonymous mode, camouflage mode and "victim of violence" with active=1/0', async () => {
    const account = await h.seedAccount();
    const toggle = (name: string, active: string) => h.app.post(`/me/${name}-toggle`, { apiKey: account.session, query: { active } });
    expect((await toggle('modo-anonimo', '1')).status).toBe(204);
    expect((await toggle('modo-camuflado', '1')).status).toBe(204);
    expect((await toggle('ja-foi-vitima-de-violencia', '1')).status).toBe(204);
    let profile = (await h.app.get('/me', { apiKey: account.session })).body.user_profile;
    expect(profile).toMatchObject({ modo_anonimo_ativo: 1, modo_camuflado_ativo: 1, ja_foi_vitima_de_violencia: 1 });
    expect((await stored(account.id)).modo_anonimo_atualizado_em).toEqual(expect.any(String));
    await toggle('modo-anonimo', '0');
    await toggle('modo-camuflado', '0');
    profile = (await h.app.get('/me', { apiKey: account.session })).body.user_profile;
    expect(profile).toMatchObject({ modo_anonimo_ativo: 0, modo_camuflado_ativo: 0, ja_foi_vitima_de_violencia: 1 });
  });

  it('takes the flag from a form body as well', async () => {
    const account = await h.seedAccount();
    expect((await h.app.post('/me/modo-camuflado-toggle', { apiKey: account.session, form: { active: 1 } })).status).toBe(204);
    expect((await stored(account.id)).modo_camuflado_ativo).toBe(1);
  });

  it('answers form_error without a flag, or with more than one digit', async () => {
    const account = await h.seedAccount();
    const missing = await h.app.post('/me/modo-anonimo-toggle', { apiKey: account.session });
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'active', reason: 'is_required' });
    const long = await h.app.post('/me/modo-anonimo-toggle', { apiKey: account.session, query: { active: '10' } });
    expect(long.body).toMatchObject({ error: 'form_error', field: 'active', reason: 'invalid_max_length' });
    const word = await h.app.post('/me/modo-anonimo-toggle', { apiKey: account.session, query: { active: 'x' } });
    expect(word.body).toMatchObject({ error: 'form_error', field: 'active', reason: 'invalid' });
  });
});

describe('POST /me/call-police-pressed and /me/inc-login-offline', () => {
  it('counts police calls, recording each press', async () => {
    const account = await h.seedAccount();
    expect((await h.app.post('/me/call-police-pressed', { apiKey: account.session })).status).toBe(204);
    expect((await h.app.post('/me/call-police-pressed', { apiKey: account.session })).status).toBe(204);
    expect((await stored(account.id)).qtde_ligar_para_policia).toBe(2);
    const presses = (await h.table.partition(userKey(account.id).pk)).filter((item) => String(item.sk).startsWith('POLICE_CALL#'));
    expect(presses).toHaveLength(2);
  });

  it('adds inc_by to the offline logins', async () => {
    const account = await h.seedAccount();
    expect((await h.app.post('/me/inc-login-offline', { apiKey: account.session, form: { inc_by: 3 } })).status).toBe(204);
    await h.app.post('/me/inc-login-offline', { apiKey: account.session, query: { inc_by: '2' } });
    expect((await stored(account.id)).qtde_login_offline).toBe(5);
    const missing = await h.app.post('/me/inc-login-offline', { apiKey: account.session });
    expect(missing.body).toMatchObject({ error: 'form_error', field: 'inc_by', reason: 'is_required' });
    const long = await h.app.post('/me/inc-login-offline', { apiKey: account.session, query: { inc_by: '12345' } });
    expect(long.body).toMatchObject({ error: 'form_error', field: 'inc_by', reason: 'invalid_max_length' });
  });
});
