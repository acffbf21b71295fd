/**
 * The app's flows end to end, each request sent as the PenhaS app sends it
 * (query parameters on POST, the un-encoded login body, the session in
 * X-Api-Key), against a runtime serving PenhaS at the root as `npm start --
 * --root penhas` does for the app: sign up with a person the CPF registry
 * knows, log in, invite a guardian (the SMS link opens the invite page, which
 * accepts), fire the alert (one SMS to the guardian, the exact text), delete
 * the account and reactivate it.
 */
import { describe, expect, it } from 'vitest';
import penhas from '../../functions/penhas/service.ts';
import { sharedRuntime } from '../support/runtime.ts';
import { freshIp, PenhasApp } from './app-client.ts';

const runtime = sharedRuntime({ services: [penhas], rootService: 'penhas' });
const app = () => new PenhasApp(runtime.url);
const smsText = (record: { payload: unknown }) => (record.payload as { text: string }).text;

const person = {
  nome_completo: 'Carla Mendes Rocha',
  dt_nasc: '1995-03-21',
  cpf: '28715693040',
  cep: '20040002',
  email: 'carla.rocha@example.com',
  senha: 'Abrigo&Seguro+2024',
  genero: 'Feminino',
  raca: 'preto',
  apelido: 'Carla',
};

describe('the PenhaS app against the service at the root of its host', () => {
  let session = '';

  it('signs up: a dry run checks the person, the real one answers a session', async () => {
    const ip = freshIp();
    const { nome_completo, dt_nasc, cpf, cep } = person;
    const dry = await app().post('/signup', { query: { dry: 1, nome_completo, dt_nasc, cpf, cep, app_version: 'flow' }, ip });
    expect([dry.status, dry.body]).toEqual([200, { continue: 1 }]);
    const real = await app().post('/signup', { query: { ...person, dry: 0, app_version: 'flow' }, ip });
    expect(real.status).toBe(200);
    expect(real.body.session).toEqual(expect.any(String));
  });

  it('logs in with the body the app writes, password unencoded', async () => {
    const reply = await app().post('/login', { query: { app_version: 'flow' }, rawBody: `email=${person.email}&senha=${person.senha}`, ip: freshIp() });
    expect(reply.status).toBe(200);
    session = reply.body.session;
    const me = await app().get('/me', { apiKey: session });
    expect(me.status).toBe(200);
    expect(me.body.user_profile).toMatchObject({ email: person.email, apelido: 'Carla' });
  });

  it('invites a guardian, who accepts from the link in the SMS; the alert reaches her once, with the map link', async () => {
    const invite = await app().post('/me/guardioes', { apiKey: session, query: { nome: 'Irmã', celular: '(21) 99876-5432' } });
    expect(invite.status).toBe(200);
    const sms = smsText(await runtime.outbox.waitFor({ channel: 'sms', to: '+5521998765432' }));
    const link = /http\S+token=\S+/.exec(sms)?.[0];
    expect(link).toBeDefined();
    const token = new URL(link as string).searchParams.get('token') as string;

    const page = await app().get('/web/guardiao', { query: { token }, headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('lang="pt-BR"');
    const accepted = await app().post('/web/guardiao', { query: { token, action: 'accept' } });
    expect(accepted.status).toBe(200);

    const listed = await app().get('/me/guardioes', { apiKey: session });
    expect(JSON.stringify(listed.body)).toContain('Irmã');

    const since = new Date().toISOString();
    const alert = await app().post('/me/guardioes/alert', { apiKey: session, query: { gps_lat: '-22.9035393', gps_long: '-43.2095869' } });
    expect([alert.status, alert.body.title]).toEqual([200, 'Alerta enviado!']);
    const alerted = await runtime.outbox.waitFor({ channel: 'sms', to: '+5521998765432', since });
    expect(smsText(alerted)).toBe(
      'PenhaS: Carla Mendes Rocha adicionou um pedido de socorro. Entre em contato. Veja sua localizacao no mapa maps.google.com/maps?q=-22.90354%2C-43.20959',
    );
    await runtime.queues.drained('penhas-sms');
    expect(runtime.outbox.list({ channel: 'sms', to: '+5521998765432', since })).toHaveLength(1);
  });

  it('deletes the account (sessions end at once), then reactivates it after logging in again', async () => {
    const deleted = await app().delete('/me', { apiKey: session, query: { senha_atual: person.senha, app_version: 'flow' } });
    expect([deleted.status, deleted.text]).toEqual([204, '']);
    expect((await app().get('/me', { apiKey: session })).status).toBe(403);

    const login = await app().post('/login', { query: { app_version: 'flow' }, rawBody: `email=${person.email}&senha=${person.senha}`, ip: freshIp() });
    expect(login.body).toMatchObject({ deleted_scheduled: 1 });
    const again = login.body.session as string;
    expect((await app().get('/me', { apiKey: again })).status).toBe(404);
    // The app sends the new session in the `api_key` parameter here.
    expect((await app().post('/reactivate', { query: { app_version: 'flow', api_key: again } })).status).toBe(204);
    expect((await app().get('/me', { apiKey: again })).status).toBe(200);
  });
});
