/**
 * What the accounts functions log never holds a password, a CPF, a birth
 * date, an e-mail address, a session token or a reset code, for requests that
 * succeed and for those that fail while carrying them.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { freshIp, penhasHarness } from '../app-client.ts';

const lines: string[] = [];
const runtime = sharedRuntime({ services: [penhas], log: (line) => lines.push(line) });
const h = penhasHarness(runtime);

describe('accounts logs', () => {
  it('hold none of the secrets and personal data the requests carried', async () => {
    const email = `registro${Date.now()}@example.com`;
    const password = 'Segredo-1-de-registro';
    const cpf = '11144477735';
    const signUp = await h.app.post('/signup', {
      query: {
        dry: 0,
        nome_completo: 'Ana Julia Conceicao',
        dt_nasc: '1985-11-02',
        cpf,
        cep: '20040002',
        email,
        senha: password,
        genero: 'Feminino',
        raca: 'preto',
        apelido: 'Ana',
        app_version: '3.0.0',
      },
      ip: freshIp(),
    });
    expect(signUp.status).toBe(200);
    const wrongName = await h.app.post('/signup', {
      query: { dry: 1, nome_completo: 'Outra Pessoa', dt_nasc: '1978-01-30', cpf: '93541134780', cep: '70040010', app_version: '3.0.0' },
      ip: freshIp(),
    });
    expect(wrongName.body.error).toBe('name_not_match');
    const session = await h.app.login(email, password);
    const wrong = await h.app.post('/login', { query: { app_version: '1' }, rawBody: `email=${email}&senha=Errada-senha-99`, ip: freshIp() });
    expect(wrong.status).toBe(400);
    expect((await h.app.post('/reset-password/request-new', { query: { email, app_version: '1' }, ip: freshIp() })).status).toBe(200);
    const mail = await runtime.outbox.waitFor({ channel: 'email', to: email }, 15_000);
    const code = /código (\d{6}) /.exec((mail.payload as { text: string }).text)![1];
    await runtime.queues.drained('penhas-email');
    expect((await h.app.post('/logout', { apiKey: session })).status).toBe(204);

    const logged = lines.join('\n');
    expect(logged).toContain('account created');
    for (const secret of [password, 'Errada-senha-99', cpf, '93541134780', '1985-11-02', '1978-01-30', email, session, `código ${code}`]) {
      expect(logged, secret).not.toContain(secret);
    }
  });
});
