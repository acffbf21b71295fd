/**
 * POST /signup as the app sends it (every parameter in the query string),
 * with the scenarios of the original's 001-sign-up-duplicate.t: bad CPF,
 * unknown CPF, dry run, the password policy, the holder's name, trans women's
 * social name, duplicates; and the limits, the registry offline, races.
 * The registry and ViaCep are the runtime's stand-ins (their fixture people
 * and CEPs).
 */
import { describe, expect, it } from 'vitest';
import { isValidCpf } from '../../../functions/penhas/accounts/cpf.ts';
import { cpfKey, emailKey, rateKey } from '../../../functions/penhas/keys.ts';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);

const MARIA = { nome_completo: 'Maria da Silva', cpf: '52998224725', dt_nasc: '1990-05-14' };
const ANA = { nome_completo: 'Ana Júlia Conceição', cpf: '11144477735', dt_nasc: '1985-11-02' };
const JOANA = { nome_completo: 'JOANA PEREIRA SANTOS', cpf: '93541134780', dt_nasc: '1978-01-30' };
const BEATRIZ = { nome_completo: 'Beatriz Souza Lima', cpf: '39053344705', dt_nasc: '2000-07-07' };
const CARLA = { nome_completo: 'Carla Mendes Rocha', cpf: '28715693040', dt_nasc: '1995-03-21' };

let serial = 0;
/** A valid CPF the registry does not know. */
function unknownCpf(): string {
  for (;;) {
    const base = String(100_000_000 + ((Date.now() + ++serial * 7919) % 800_000_000)).slice(0, 9);
    for (let d = 0; d < 100; d++) {
      const cpf = base + String(d).padStart(2, '0');
      if (isValidCpf(cpf)) return cpf;
    }
  }
}

const uniqueEmail = () => `cadastro${Date.now()}${++serial}@example.com`;

type Params = Record<string, string | number | undefined>;

const account = (person: Params, overrides: Params = {}): Params => ({
  ...person,
  email: uniqueEmail(),
  senha: '1A`S345678A*',
  cep: '01310100',
  genero: 'Feminino',
  raca: 'pardo',
  apelido: 'ca',
  app_version: 'Versao Ios ou Android, Modelo Celular, Versao do App',
  dry: 0,
  ...overrides,
});

const check = (person: Params, overrides: Params = {}): Params => ({
  ...person,
  cep: '01310-100',
  app_version: '3.0.0',
  dry: 1,
  ...overrides,
});

const signUp = (query: Params, ip = freshIp()) => h.app.post('/signup', { query, ip });

describe('POST /signup: the original scenarios', () => {
  it('refuses a CPF with wrong check digits as form_error cpf invalid', async () => {
    const reply = await signUp(account(MARIA, { cpf: '52998224726' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'form_error', field: 'cpf', reason: 'invalid', message: 'Campos não foram preenchidos corretamente (cpf)' });
  });

  it('answers cpf_not_match for a valid CPF the registry does not know with that birth date', async () => {
    const reply = await signUp(check({ nome_completo: 'aas asdas', cpf: unknownCpf(), dt_nasc: '1944-10-10' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: 'cpf_not_match',
      message: 'Data de nascimento não confere com o CPF. Caso os dados estejam corretos, tente novamente após 5 minutos.',
    });
    const wrongDate = await signUp(check({ ...MARIA, dt_nasc: '1990-05-15' }));
    expect(wrongDate.body.error).toBe('cpf_not_match');
  });

  it('answers {continue: 1} to a dry run that passes, writing nothing', async () => {
    const reply = await signUp(check(CARLA));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ continue: 1 });
    expect(await h.table.partition(cpfKey(CARLA.cpf).pk)).toEqual([]);
    expect(await h.table.partition('SEQUENCE#user')).toEqual([]);
  });

  it('applies the password policy in its order', async () => {
    const cases: [string, string][] = [
      ['3As344578a ', 'warning_space_password'],
      ['3As344578a', 'pass_too_weak/char'],
      ['65658895', 'pass_too_weak/letter'],
      ['oiuytrew', 'pass_too_weak/number'],
      ['iuy123*', 'pass_too_weak/size'],
      ['123456789abc', 'pass_too_weak'],
    ];
    for (const [senha, error] of cases) {
      const reply = await signUp(account(MARIA, { senha }));
      expect(reply.status, senha).toBe(400);
      expect(reply.body, senha).toMatchObject({ error, field: 'senha', reason: 'invalid' });
    }
    const size = await signUp(account(MARIA, { senha: 'iuy123*' }));
    expect(size.body.message).toBe(
      'A senha utilizada é muito curta! É necessário pelo menos 8 caracteres, pelo menos 1 letra, 1 número, e 1 carácter especial',
    );
  });

  it('answers name_not_match when the name differs from the holder’s', async () => {
    const reply = await signUp(account({ ...MARIA, nome_completo: 'aas asdas' }, { senha: 'atenção1' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'name_not_match', message: 'Nome deve ser escrito igual ao do seu CPF.', field: 'nome_completo', reason: 'invalid' });
  });

  it('compares names upper-cased and without accents', async () => {
    expect((await signUp(check(ANA))).body).toEqual({ continue: 1 });
    expect((await signUp(check({ ...ANA, nome_completo: 'ana julia conceicao' }))).body).toEqual({ continue: 1 });
  });

  it('requires nome_social from a trans woman', async () => {
    const reply = await signUp(account(MARIA, { genero: 'MulherTrans', senha: 'atenção1' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      error: 'form_error',
      field: 'nome_social',
      reason: 'is_required',
      message: 'Campos não foram preenchidos corretamente (nome_social)',
    });
  });

  it('creates the account, logs it in, keeps no CPF, and refuses the e-mail or the CPF again', async () => {
    const params = account(MARIA, { genero: 'MulherTrans', nome_social: 'foobar lorem' });
    const reply = await signUp(params);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['session']);

    const sentinel = (await h.table.partition(emailKey(String(params.email)).pk))[0];
    const userId = sentinel.userId as number;
    expect(Number.isInteger(userId)).toBe(true);
    const [user] = (await h.table.partition(`USER#${userId}`)).filter((item) => item.sk === 'PROFILE');
    expect(user).toMatchObject({
      id: userId,
      status: 'active',
      email: params.email,
      nome_completo: 'Maria da Silva',
      nome_social: 'foobar lorem',
      genero: 'MulherTrans',
      cpf_prefix: '5299',
      cep: '01310100',
      cep_cidade: 'São Paulo',
      cep_estado: 'SP',
    });
    expect(JSON.stringify(user)).not.toContain(MARIA.cpf);
    expect(await h.table.partition(cpfKey(MARIA.cpf).pk)).toHaveLength(1);

    // The session works, and the password logs in.
    expect((await h.app.post('/logout', { apiKey: reply.body.session })).status).toBe(204);
    expect(await h.app.login(String(params.email), '1A`S345678A*')).toEqual(expect.any(String));

    const sameEmail = await signUp(account(JOANA, { email: params.email }));
    expect(sameEmail.body).toEqual({
      error: 'email_already_exists',
      message: 'E-mail já possui uma conta. Por favor, faça o o login, ou utilize a função "Esqueci minha senha".',
      field: 'email',
      reason: 'duplicate',
    });
    const sameCpf = await signUp(account(MARIA));
    expect(sameCpf.body).toEqual({
      error: 'cpf_already_exists',
      message: 'Este CPF já possui uma conta. Entre em contato com o suporte caso não lembre do e-mail utilizado.',
    });
    const dryAgain = await signUp(check(MARIA));
    expect(dryAgain.body.error).toBe('cpf_already_exists');
  });
});

describe('POST /signup: limits, providers and races', () => {
  it('allows 3 sign-ups a minute from one address; the 4th gets 429, another address goes on', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) expect((await signUp(check(CARLA), ip)).status).toBe(200);
    const fourth = await signUp(check(CARLA), ip);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toBe('too_many_requests');
    expect((await signUp(check(CARLA))).status).toBe(200);
  });

  it('refuses an address that made too many CPF mistakes today', async () => {
    const ip = freshIp();
    const day = 24 * 3600;
    const window = Math.floor(Date.now() / 1000 / day) * day;
    await h.table.put({ ...rateKey('cpf_error', ip, window), count: 21 });
    const reply = await signUp(check(CARLA), ip);
    expect(reply.status).toBe(429);
    expect(reply.body).toEqual({ error: 'too_many_requests', message: 'Você fez muitos acessos recentemente. Aguarde e tente novamente.' });
  });

  it('answers cep_invalid for a CEP ViaCep does not know', async () => {
    const reply = await signUp(check(CARLA, { cep: '99999-999' }));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'cep_invalid', message: 'Não conseguimos localizar o endereço do CEP 99999999!', field: 'cep', reason: 'invalid' });
  });

  it('answers cpf_offline when the registry fails, and asks it once per CPF and date after that', async () => {
    const registry = runtime.fakes.cpfRegistry;
    registry.fail();
    try {
      const offline = await signUp(check(JOANA));
      expect(offline.status).toBe(400);
      expect(offline.body).toEqual({ error: 'cpf_offline', message: 'Não conseguimos consultar o seu CPF no momento, tente novamente mais tarde.' });
    } finally {
      registry.recover();
    }
    const before = registry.requests.length;
    expect((await signUp(check(JOANA))).body).toEqual({ continue: 1 });
    expect((await signUp(check(JOANA))).body).toEqual({ continue: 1 });
    expect(registry.requests.length - before).toBe(1);
  });

  it('lets only one of two racing sign-ups have an e-mail, and only one have a CPF', async () => {
    const email = uniqueEmail();
    const sameEmail = await Promise.all([signUp(account(ANA, { email })), signUp(account(JOANA, { email }))]);
    expect(sameEmail.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(sameEmail.find((r) => r.status === 400)?.body.error).toBe('email_already_exists');

    const sameCpf = await Promise.all([signUp(account(BEATRIZ)), signUp(account(BEATRIZ))]);
    expect(sameCpf.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(sameCpf.find((r) => r.status === 400)?.body.error).toBe('cpf_already_exists');
    expect(await h.table.partition(cpfKey(BEATRIZ.cpf).pk)).toHaveLength(1);
  });

  it('answers form_error for each malformed field', async () => {
    const cases: [Params, string, string][] = [
      [{ dry: 'x' }, 'dry', 'invalid'],
      [{ dry: undefined }, 'dry', 'is_required'],
      [{ nome_completo: 'Ana' }, 'nome_completo', 'invalid_min_length'],
      [{ nome_completo: 'Semespaço' }, 'nome_completo', 'invalid'],
      [{ nome_completo: 'Maria 😀 Silva' }, 'nome_completo', 'invalid'],
      [{ dt_nasc: '1990-02-30' }, 'dt_nasc', 'invalid'],
      [{ cep: '123' }, 'cep', 'invalid'],
      [{ cpf: '' }, 'cpf', 'is_required'],
      [{ app_version: undefined }, 'app_version', 'is_required'],
      [{ dry: 0, email: 'nao-e-email' }, 'email', 'invalid'],
      [{ dry: 0, genero: 'Mulher' }, 'genero', 'invalid'],
      [{ dry: 0, raca: 'azul' }, 'raca', 'invalid'],
      [{ dry: 0, apelido: 'a' }, 'apelido', 'invalid_min_length'],
      [{ dry: 0, apelido: 'a'.repeat(41) }, 'apelido', 'invalid_max_length'],
      [{ dry: 0, senha: undefined }, 'senha', 'is_required'],
    ];
    for (const [overrides, field, reason] of cases) {
      const query = overrides.dry === 0 ? account(CARLA, overrides) : check(CARLA, overrides);
      const reply = await signUp(query);
      expect(reply.status, JSON.stringify(overrides)).toBe(400);
      expect(reply.body, JSON.stringify(overrides)).toMatchObject({ error: 'form_error', field, reason });
    }
    const long = await signUp(check(CARLA, { app_version: 'v'.repeat(801) }));
    expect(long.body.message).toBe('Campos não foram preenchidos corretamente (app_version) máximo: 800 enviado: 801');
  });
});
