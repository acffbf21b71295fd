/**
 * Guardians and the panic alert, as the app and a guardian's phone use them
 * (the scenarios of the original's 025-guardioes.t): invites by SMS, the
 * invite link (JSON and the page), the list, rename and removal, and the
 * alert, whose SMS leave through the `sms` queue. Parameters travel in the
 * query string, as the app sends them.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { alertLimitsKey, guardianKey, userKey } from '../../../functions/penhas/keys.ts';
import { freshIp, penhasHarness, type SeededAccount } from '../app-client.ts';
import { eventually } from '../../support/eventually.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { seedGuardians, smsText, smsTo } from './guardian-fixtures.ts';

/** Every line the functions print, to show none holds a phone number, a token or an SMS text. */
const logLines: string[] = [];
const runtime = sharedRuntime({
  services: [penhas],
  environment: { SMS_RETRY_BASE_SECONDS: '1', DB_OP_COUNT_HEADER: 'true' },
  log: (line) => logLines.push(line),
});
const h = penhasHarness(runtime);

const DAY = 86_400_000;
const stored = async (userId: number, sk: string) =>
  (await h.table.db.send(new GetCommand({ TableName: h.table.name, Key: { pk: `USER#${userId}`, sk } }))).Item as Record<string, any> | undefined;
const guardianItem = (userId: number, id: number) => stored(userId, guardianKey(userId, id).sk);
const activeCount = async (userId: number) => (await stored(userId, userKey(userId).sk))?.qtde_guardioes_ativos;
const setGuardian = (userId: number, id: number, changes: Record<string, unknown>) =>
  h.table.db.send(
    new UpdateCommand({
      TableName: h.table.name,
      Key: guardianKey(userId, id),
      UpdateExpression: `SET ${Object.keys(changes)
        .map((_name, i) => `#n${i} = :v${i}`)
        .join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(Object.keys(changes).map((name, i) => [`#n${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(Object.values(changes).map((value, i) => [`:v${i}`, value])),
    }),
  );

const invite = (account: SeededAccount, nome: string, celular: string) => h.app.post('/me/guardioes', { apiKey: account.session, query: { nome, celular } });
const web = (method: 'get' | 'post', query: Record<string, string>, headers?: Record<string, string>) =>
  h.app[method]('/web/guardiao', { query, headers, ip: freshIp() });
const tokenOf = async (account: SeededAccount, id: number) => (await guardianItem(account.id, id))!.token as string;

describe('guardian invites (025-guardioes.t)', () => {
  let maria: SeededAccount;
  let portugues: number;
  let id3: number;
  let id4: number;
  let expiredToken: string;

  it('refuses numbers that cannot receive SMS, with the field and reason', async () => {
    maria = await h.seedAccount({ nome_completo: 'Maria da Conceição' });
    const unknown = await invite(maria, 'test nome', '11 81144666');
    expect([unknown.status, unknown.body.error, unknown.body.field, unknown.body.reason]).toEqual([400, 'parser_error', 'celular', 'invalid']);
    const landline = await invite(maria, 'test nome', '11 31144666');
    expect([landline.status, landline.body.error, landline.body.field, landline.body.reason]).toEqual([400, 'number_is_not_mobile', 'celular', 'invalid']);
    const missing = await h.app.post('/me/guardioes', { apiKey: maria.session, query: { nome: 'sem número' } });
    expect([missing.status, missing.body.error, missing.body.field, missing.body.reason]).toEqual([400, 'form_error', 'celular', 'is_required']);
  });

  it('invites a number by SMS whose link opens the invite', async () => {
    const reply = await invite(maria, 'test nome', '+14842918467');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      title: 'Convite enviado!',
      message: 'Enviamos um SMS com um link para que o guardião aceite o seu convite.',
      data: { celular_formatted_as_national: '+1 484-291-8467', nome: 'test nome', is_pending: 1, is_expired: 0, is_accepted: 0 },
    });
    const sms = await runtime.outbox.waitFor({ channel: 'sms', to: '+14842918467' });
    const text = smsText(sms);
    const link = `${runtime.url}/penhas/web/guardiao?token=`;
    // The name gets what 150 characters leave after the link (a long one locally).
    expect(text).toMatch(/^PenhaS: Maria da Conce\w* convidou vc ser guardiao dela\. p\/ aceitar e mais informacoes acesse http/);
    expect(text.length).toBe(150);
    expect(text).toContain(link);
    const page = await fetch(text.slice(text.indexOf(link)));
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({
      guardiao: { nome: 'test nome', is_pending: 1, celular: '+1 484-291-8467' },
      cliente: { apelido: maria.user.apelido },
    });
  });

  it('answers the same invite for the same number, however it is typed', async () => {
    const first = await invite(maria, 'portugues', '021 11 912341234');
    expect(first.body.data.celular_formatted_as_national).toBe('(11) 91234-1234');
    expect(first.body.message).toMatch(/Enviamos um SMS/);
    portugues = first.body.data.id;
    const again = await invite(maria, 'portugues', '+5511912341234');
    expect(again.status).toBe(200);
    expect(again.body.title).toBe('Número já existe!');
    expect(again.body.message).toBe(
      'O número (11) 91234-1234 já tem um convite aguardando ativação. O seu guardião pode aceitar o seu convite utilizando o mesmo link que foi enviado anteriormente.',
    );
    expect(again.body.data.id).toBe(portugues);
  });

  it('renames, removes, and reactivates a removed invite without a new SMS', async () => {
    const noName = await h.app.put(`/me/guardioes/${portugues}`, { apiKey: maria.session });
    expect([noName.status, noName.body.error, noName.body.field]).toEqual([400, 'form_error', 'nome']);
    const renamed = await h.app.put(`/me/guardioes/${portugues}`, { apiKey: maria.session, query: { nome: 'imasuguni' } });
    expect([renamed.status, renamed.body.message, renamed.body.data.nome]).toEqual([200, 'Editado com sucesso!', 'imasuguni']);

    expect((await h.app.delete(`/me/guardioes/${portugues}`, { apiKey: maria.session })).status).toBe(204);
    expect((await h.app.put(`/me/guardioes/${portugues}`, { apiKey: maria.session, query: { nome: 'cannot update' } })).status).toBe(404);
    expect(await guardianItem(maria.id, portugues)).toMatchObject({ status: 'removed_by_user', deleted_at: expect.any(String) });

    const back = await invite(maria, 'novo nao deve enviar sms', '11 912341234');
    expect([back.status, back.body.title]).toEqual([200, 'Convite reativado']);
    expect(back.body.message).toMatch(/reativado/);
    const row = await guardianItem(maria.id, portugues);
    expect(row).toMatchObject({ status: 'pending', nome: 'novo nao deve enviar sms' });
    expect(row!.deleted_at).toBeUndefined();
    expect(smsTo(runtime, '+5511912341234')).toHaveLength(1);

    // It expires: created 30 days ago, expired a second ago.
    await setGuardian(maria.id, portugues, {
      created_at: new Date(Date.now() - 30 * DAY).toISOString(),
      expires_at: new Date(Date.now() - 1000).toISOString(),
      nome: 'Expiraldo Silva',
    });
    expiredToken = row!.token;
  });

  it('lists accepted, pending and expired invites, newest first within each', async () => {
    const third = await invite(maria, 'portugues', '021 11 943214321');
    expect(third.body.data.celular_formatted_as_national).toBe('(11) 94321-4321');
    id3 = third.body.data.id;
    await setGuardian(maria.id, id3, { created_at: new Date(Date.now() - 10 * DAY).toISOString() });

    const list = await h.app.get('/me/guardioes', { apiKey: maria.session });
    expect(list.status).toBe(200);
    expect(list.body.remaing_invites).toBe(2);
    expect(list.body.invites_max).toBe(5);
    const [accepted, pending, expired] = list.body.guards;
    expect(accepted).toEqual({
      meta: {
        can_delete: 1,
        can_edit: 1,
        can_resend: 0,
        layout: 'accepted',
        header: 'Guardiãs',
        description: 'Guardiãs ativas que recebem seus pedidos de socorro.',
        delete_warning: 'Caso você apague o guardião, ele não receberá mais seus alertas. Tem certeza que deseja apagar?',
      },
      rows: [],
    });
    expect(pending.meta.layout).toBe('pending');
    expect(pending.rows.map((r: any) => [r.celular, r.subtexto])).toEqual([
      ['+1 484-291-8467', 'Convite enviado há pouco tempo'],
      ['(11) 94321-4321', 'Convite enviado há 10 dias.'],
    ]);
    expect(pending.rows[1].id).toBe(id3);
    expect(expired.meta).toMatchObject({ header: 'Convites expirados', can_resend: 1, can_edit: 0 });
    expect(expired.rows).toEqual([
      { id: portugues, nome: 'Expiraldo Silva', celular: '(11) 91234-1234', subtexto: expect.stringMatching(/^Convite expirou em \d{4}\/\d\d\/\d\d$/) },
    ]);
  });

  it('shows an expired invite on its link but takes no answer to it', async () => {
    const shown = await web('get', { token: expiredToken });
    expect([shown.status, shown.body.guardiao.is_expired]).toEqual([200, 1]);
    for (const action of ['accept', 'refuse']) {
      const answer = await web('post', { token: expiredToken, action });
      expect([answer.status, answer.body.error]).toEqual([400, 'guard_invite_expired']);
    }
    const foo = await web('post', { token: expiredToken, action: 'foo' });
    expect([foo.status, foo.body.error, foo.body.field]).toEqual([400, 'action_invalid', 'action']);
  });

  it('retires an expired invite when its number is invited again', async () => {
    const reinvited = await invite(maria, 'portugues', '(11) 91234-1234');
    expect(reinvited.body.message).toMatch(/Enviamos um SMS/);
    id4 = reinvited.body.data.id;
    expect(id4).not.toBe(portugues);
    expect(await guardianItem(maria.id, portugues)).toMatchObject({ status: 'expired_for_not_use', deleted_at: expect.any(String) });
    const gone = await web('get', { token: expiredToken });
    expect([gone.status, gone.body.error]).toEqual([404, 'item_not_found']);
    const badCheck = await web('get', { token: `${expiredToken.slice(0, 7)}${expiredToken.slice(7) === '0AA' ? '0AB' : '0AA'}` });
    expect([badCheck.status, badCheck.body.error]).toEqual([400, 'token_invalid_hash']);
  });

  it('lets a guardian accept, change her mind, and counts her only while she accepts', async () => {
    const token4 = await tokenOf(maria, id4);
    const accepted = await web('post', { token: token4, action: 'accept' });
    expect([accepted.status, accepted.body.guardiao.is_accepted, accepted.body.guardiao.is_pending]).toEqual([200, 1, 0]);
    expect(await activeCount(maria.id)).toBe(1);
    expect((await web('get', { token: token4 })).body.guardiao.is_accepted).toBe(1);
    // Accepting twice changes nothing.
    await web('post', { token: token4, action: 'accept' });
    expect(await activeCount(maria.id)).toBe(1);

    const refused = await web('post', { token: token4, action: 'refuse' });
    expect([refused.status, refused.body.guardiao.is_accepted, refused.body.guardiao.is_pending, typeof refused.body.guardiao.refused_at]).toEqual([
      200,
      0,
      0,
      'string',
    ]);
    expect(await activeCount(maria.id)).toBe(0);
    expect(await guardianItem(maria.id, id4)).toMatchObject({ status: 'refused' });
  });

  it('serves the invite as an accessible Portuguese page to browsers, whose form answers it', async () => {
    const token3 = await tokenOf(maria, id3);
    const page = await web('get', { token: token3 }, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<html lang="pt-BR">');
    expect(page.text).toContain(`Você foi convidado por ${maria.user.apelido} para se tornar uma guardiã.`);
    expect(page.text).toContain('<form method="post" action="guardiao">');
    expect(page.text).toContain('<button type="submit" name="action" value="accept"');
    expect(page.text).not.toContain('<script');

    // What the browser posts when "Aceitar convite" is pressed.
    const posted = await h.app.post('/web/guardiao', { form: { token: token3, action: 'accept' }, headers: { accept: 'text/html' }, ip: freshIp() });
    expect(posted.status).toBe(200);
    expect(posted.text).toContain(`Você faz parte das guardiãs da ${maria.user.apelido}!`);
    expect(await activeCount(maria.id)).toBe(1);

    const failed = await web('get', { token: 'ZZZZZZZ000' }, { accept: 'text/html' });
    expect(failed.status).toBe(200);
    expect(failed.text).toMatch(/role="alert">(Assinatura do código não confere\.|O objeto requisitado não existe)/);
  });

  it('lists every group in order once there are accepted, pending, expired and refused invites', async () => {
    await h.table.db.send(new UpdateCommand({ TableName: h.table.name, Key: guardianKey(maria.id, portugues), UpdateExpression: 'REMOVE deleted_at' }));
    const list = await h.app.get('/me/guardioes', { apiKey: maria.session });
    const [accepted, pending, expired, refused] = list.body.guards;
    expect(accepted.rows.map((r: any) => r.id)).toEqual([id3]);
    expect([pending.meta.header, pending.rows.map((r: any) => r.celular)]).toEqual(['Pendentes', ['+1 484-291-8467']]);
    expect([expired.meta.header, expired.meta.can_resend, expired.rows[0].id]).toEqual(['Convites expirados', 1, portugues]);
    expect([refused.meta.header, refused.meta.can_resend, refused.rows[0].id]).toEqual(['Convites recusados', 0, id4]);
    expect(refused.rows[0].subtexto).toMatch(/^Convite recusado em /);
  });

  it('alerts the accepted guardian by SMS with the exact text', async () => {
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: maria.session, query: { gps_lat: '12.33445', gps_long: '-23.123456789123456' } });
    expect([reply.status, reply.body]).toEqual([200, { title: 'Alerta enviado!', message: 'Alerta com localização disparado com sucesso para 1 guardião.' }]);
    const alertsSent = await eventually(() => {
      const sent = smsTo(runtime, '+5511943214321').filter((sms) => smsText(sms).includes('pedido de socorro'));
      return sent.length > 0 && sent;
    });
    expect(alertsSent.map(smsText)).toEqual([
      'PenhaS: Maria da Conceicao adicionou um pedido de socorro. Entre em contato. Veja sua localizacao no mapa maps.google.com/maps?q=12.33445%2C-23.12346',
    ]);
    const again = await h.app.post('/me/guardioes/alert', { apiKey: maria.session, query: { gps_long: '3.123456789123456' } });
    expect([again.status, again.body]).toEqual([400, { error: 'too_many_alerts', message: 'Os alertas já foram enviados no último minuto!' }]);
    const alerts = (await h.table.partition(`USER#${maria.id}`)).filter((item) => String(item.sk).startsWith('ALERT#'));
    expect(alerts).toHaveLength(2);
    expect(alerts.find((a) => a.gps_lat)).toMatchObject({ gps_lat: '12.33445', gps_long: '-23.123456789123456', sms_enviados: 1 });
  });

  it('allows 5 invites in use', async () => {
    // In use: +1 (pending), id3 (accepted), id4 (refused), the expired one made visible again: 4; one more fits.
    expect((await invite(maria, 'quinto', '11 955554444')).body.title).toBe('Convite enviado!');
    const sixth = await invite(maria, 'sexto', '11 955553333');
    expect([sixth.status, sixth.body.error]).toEqual([400, 'max_invites_reached']);
    expect(sixth.body.message).toBe('Vocẽ não pode adicionar mais guardiões. Excluía convites recusados e expirados.');
  });

  it('refuses to invite again a number that refused less than 7 days ago', async () => {
    await h.app.delete(`/me/guardioes/${id4}`, { apiKey: maria.session });
    const again = await invite(maria, 'portugues', '11 912341234');
    expect([again.status, again.body.error, again.body.field]).toEqual([400, 'recent_refused', 'celular']);
    expect(again.body.message).toMatch(
      /^O número \(11\) 91234-1234 recusou seu convite em \d\d\/\d\d\/\d{4}\. Você só poderá convida-lo novamente após 7 dias\./,
    );
  });
});

describe('POST /me/guardioes/alert', () => {
  it('sends one SMS per accepted guardian, and none to the others', async () => {
    const ana = await h.seedAccount({ nome_completo: 'Ana Júlia Conceição de Souza Albuquerque' });
    const guardians = await seedGuardians(h.table, ana.id, ['accepted', 'accepted', 'accepted', 'pending', 'refused', 'removed_by_user']);
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: ana.session, query: { gps_lat: '-23.5613548', gps_long: '-46.6500004' } });
    expect([reply.status, reply.body]).toEqual([
      200,
      { title: '3 alertas enviados!', message: 'Alerta com localização  disparado com sucesso para 3 guardiões.' },
    ]);
    const expected =
      'PenhaS: Ana Julia Conceicao de Souza adicionou um pedido de socorro. Entre em contato. Veja sua localizacao no mapa maps.google.com/maps?q=-23.56135%2C-46.65';
    for (const guardian of guardians.slice(0, 3)) expect(smsText(await runtime.outbox.waitFor({ channel: 'sms', to: guardian.e164 }))).toBe(expected);
    await runtime.queues.drained('penhas-sms');
    for (const guardian of guardians.slice(0, 3)) expect(smsTo(runtime, guardian.e164)).toHaveLength(1);
    for (const guardian of guardians.slice(3)) expect(smsTo(runtime, guardian.e164)).toHaveLength(0);
  });

  it('reads 0.0/0.0 (no fix) as no location', async () => {
    const account = await h.seedAccount({ nome_completo: 'Beatriz Souza Lima' });
    const [guardian] = await seedGuardians(h.table, account.id, ['accepted']);
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '0.0', gps_long: '0.0' } });
    expect(reply.body).toEqual({ title: 'Alerta enviado!', message: 'Alerta SEM LOCALIZAÇÃO disparado com sucesso para 1 guardião.' });
    expect(smsText(await runtime.outbox.waitFor({ channel: 'sms', to: guardian.e164 }))).toBe(
      'PenhaS: Beatriz Souza Lima adicionou um pedido de socorro. Entre em contato. A localizacao nao foi recebida.',
    );
  });

  it('says so when she has no guardian', async () => {
    const account = await h.seedAccount();
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '-23.5', gps_long: '-46.6' } });
    expect([reply.status, reply.body]).toEqual([200, { title: 'Atenção ❗', message: 'Não há guardiões cadastros! Nenhum alerta foi enviado.' }]);
  });

  it('allows 10 alerts in 24 hours', async () => {
    const account = await h.seedAccount();
    await h.table.put({ ...alertLimitsKey(account.id), rev: 1, minuteCount: 1, minuteEndsAt: 0, dayCount: 10, dayEndsAt: Date.now() + DAY });
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '0.0', gps_long: '0.0' } });
    expect([reply.status, reply.body]).toEqual([400, { error: 'too_many_alerts', message: 'Você atingiu o limite de alertas no período de 24h.' }]);
    // Refused presses are recorded too.
    expect((await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('ALERT#'))).toHaveLength(1);
  });

  it('refuses coordinates that are not coordinates, in the PenhaS format', async () => {
    const account = await h.seedAccount();
    const cases: [Record<string, string>, string, string][] = [
      [{ gps_lat: '3.123456789123456', gps_long: '3.123456789123456710' }, 'gps_position_invalid', 'gps_long'],
      [{ gps_lat: 'abc', gps_long: '1' }, 'gps_position_invalid', 'gps_lat'],
      [{ gps_lat: '95.5', gps_long: '1' }, 'gps_position_invalid', 'gps_lat'],
      [{ gps_lat: '', gps_long: '1' }, 'form_error', 'gps_lat'],
    ];
    for (const [query, error, field] of cases) {
      const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query });
      expect([reply.status, reply.body.error, reply.body.field]).toEqual([400, error, field]);
    }
  });
});

describe('concurrent requests', () => {
  it('give the last invite slot to one of two invites sent at once', async () => {
    const account = await h.seedAccount();
    await seedGuardians(h.table, account.id, ['accepted', 'pending', 'refused', 'pending']);
    const replies = await Promise.all([invite(account, 'uma', '11 966661111'), invite(account, 'outra', '11 966662222')]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(['max_invites_reached', 'already_locked']).toContain(replies.find((r) => r.status === 400)!.body.error);
    const list = await h.app.get('/me/guardioes', { apiKey: account.session });
    expect(list.body.remaing_invites).toBe(0);
  });

  it('count a guardian accepting twice at once once', async () => {
    const account = await h.seedAccount();
    const [guardian] = await seedGuardians(h.table, account.id, ['pending']);
    const replies = await Promise.all([web('post', { token: guardian.token, action: 'accept' }), web('post', { token: guardian.token, action: 'accept' })]);
    expect(replies.map((r) => r.status)).toEqual([200, 200]);
    expect(await activeCount(account.id)).toBe(1);
  });

  it('let one of two alerts pressed at once through the minute limit, recording both', async () => {
    const account = await h.seedAccount();
    const [guardian] = await seedGuardians(h.table, account.id, ['accepted']);
    const press = () => h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '-8.05', gps_long: '-34.9' } });
    const replies = await Promise.all([press(), press()]);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(replies.find((r) => r.status === 400)!.body.error).toBe('too_many_alerts');
    await runtime.outbox.waitFor({ channel: 'sms', to: guardian.e164 });
    await runtime.queues.drained('penhas-sms');
    expect(smsTo(runtime, guardian.e164)).toHaveLength(1);
    expect((await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('ALERT#'))).toHaveLength(2);
  });
});

describe('the sms queue', () => {
  it('retries a failing provider with backoff, and each guardian gets exactly one SMS', async () => {
    const account = await h.seedAccount({ nome_completo: 'Carla Mendes Rocha' });
    const guardians = await seedGuardians(h.table, account.id, ['accepted', 'accepted']);
    await runtime.queues.drained('penhas-sms');
    const refusedBefore = runtime.outbox.refused('sms');
    runtime.outbox.failNext('sms', 2);
    const reply = await h.app.post('/me/guardioes/alert', { apiKey: account.session, query: { gps_lat: '-22.9', gps_long: '-43.2' } });
    expect(reply.body.title).toBe('2 alertas enviados!');
    for (const guardian of guardians) await runtime.outbox.waitFor({ channel: 'sms', to: guardian.e164 }, 15_000);
    await runtime.queues.drained('penhas-sms', 15_000);
    expect(runtime.outbox.refused('sms') - refusedBefore).toBe(2);
    for (const guardian of guardians) expect(smsTo(runtime, guardian.e164)).toHaveLength(1);
  });
});

describe('another user', () => {
  it('cannot rename or remove her guardians: 404 and nothing changes', async () => {
    const owner = await h.seedAccount();
    const other = await h.seedAccount();
    const [guardian] = await seedGuardians(h.table, owner.id, ['accepted']);
    const before = await guardianItem(owner.id, guardian.id);
    for (const reply of [
      await h.app.put(`/me/guardioes/${guardian.id}`, { apiKey: other.session, query: { nome: 'mallory' } }),
      await h.app.delete(`/me/guardioes/${guardian.id}`, { apiKey: other.session }),
      await h.app.delete('/me/guardioes/not-a-number', { apiKey: other.session }),
    ]) {
      expect([reply.status, reply.body.error]).toEqual([404, 'item_not_found']);
    }
    expect(await guardianItem(owner.id, guardian.id)).toEqual(before);
    expect(await activeCount(owner.id)).toBe(1);
  });
});

describe('function logs', () => {
  it('hold no phone number, invite token or SMS text of any of the above', () => {
    const sent = runtime.outbox.list({ channel: 'sms' });
    expect(sent.length).toBeGreaterThan(10);
    const secrets = new Set<string>();
    for (const sms of sent) {
      secrets.add(sms.to);
      secrets.add(sms.to.slice(1));
      secrets.add(smsText(sms));
      const token = /token=([^ ]+)$/.exec(smsText(sms))?.[1];
      if (token) secrets.add(token);
    }
    expect(logLines.length).toBeGreaterThan(0);
    const leaks = logLines.filter((line) => [...secrets].some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
