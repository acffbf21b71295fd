/**
 * Badges end to end: an admin creates badge kinds and gives them; the
 * Círculo PenhaS badge goes out as an e-mailed invitation whose link she opens
 * in a browser (`GET /badge/accept`) and confirms with the page's button
 * (`POST /badge/accept`, the token in the form), as the original's page did.
 * Every page answers 200 with its message, as the original rendered them;
 * the badges she holds show on her profile (`GET /me`).
 */
import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import penhas from '../../../functions/penhas/service.ts';
import { sharedRuntime } from '../../support/runtime.ts';
import { AdminClient } from '../admin/admin-client.ts';
import { penhasHarness, type SeededAccount } from '../app-client.ts';

const runtime = sharedRuntime({ services: [penhas] });
const h = penhasHarness(runtime);
const admin = new AdminClient(h);
const SESSION_KEY = new TextEncoder().encode('local-session-key-0123456789abcdef0123456789abcdef');
/** Several routes' first calls: each starts its function, slow on a busy machine. */
const JOURNEY_MS = 120_000;

let token: string;
let circulo: { id: number; name: string };
let voluntaria: { id: number };

const createBadge = async (code: string, name: string) => {
  const reply = await admin.post('/admin/badges', {
    token,
    json: { code, name, description: `Selo ${name}`, image_url: 'https://example.org/b.svg', image_url_black: 'https://example.org/b-black.svg' },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: number; name: string };
};

beforeAll(async () => {
  token = await admin.token();
  circulo = await createBadge('circulo-penhas', 'Círculo PenhaS');
  voluntaria = await createBadge(`voluntaria-${Date.now()}`, 'Voluntária');
}, JOURNEY_MS);

const assign = (badgeId: number, identifiers: string[], action: 'add' | 'remove' = 'add') =>
  admin.post(`/admin/badges/${badgeId}/assign`, { token, json: { identifiers, action } });
const heldBadge = async (account: SeededAccount, badgeId: number) =>
  (await h.table.partition(`USER#${account.id}`)).find((item) => item.sk === `BADGE#${badgeId}`);
const invitations = async (account: SeededAccount) =>
  (await h.table.partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('BADGE_INVITE#'));

/** The acceptance link of the invitation e-mailed to her. */
async function invitationLink(account: SeededAccount): Promise<URL> {
  const mail = await runtime.outbox.waitFor({ channel: 'email', to: account.email }, 30_000);
  const text = (mail.payload as { text: string; subject?: string }).text;
  const link = /(http\S+badge\/accept\?token=\S+)/.exec(text)?.[1];
  expect(link, text).toBeDefined();
  return new URL(link!);
}

const openPage = (link: URL) => h.app.get(`/badge/accept${link.search}`, { headers: { accept: 'text/html' } });
const confirm = (tokenValue: string) => h.app.post('/badge/accept', { form: { token: tokenValue }, headers: { accept: 'text/html' } });

describe('POST /admin/badges and GET /admin/badges', () => {
  it('lists the badge kinds, and refuses a code already taken', async () => {
    const listed = await admin.get('/admin/badges', { token });
    expect(listed.body.rows.map((b: { id: number }) => b.id)).toEqual(expect.arrayContaining([circulo.id, voluntaria.id]));
    const again = await admin.post('/admin/badges', {
      token,
      json: { code: 'circulo-penhas', name: 'Outro', description: '', image_url: 'https://example.org/x.svg', image_url_black: 'https://example.org/x.svg' },
    });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'form_error', field: 'code', reason: 'duplicate' });
    expect((await admin.auditOf(token, 'badge', circulo.id))[0]).toMatchObject({ action: 'badge.create', facts: { code: 'circulo-penhas' } });
  });
});

describe('the Círculo PenhaS invitation', () => {
  it(
    'e-mails her a link; the page shows the invitation, its button gives her the badge for a year',
    async () => {
      const maria = await h.seedAccount();
      const reply = await assign(circulo.id, [maria.email]);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.body).toMatchObject({ emailed: 1, added: 0, message: 'Processamento concluído: 1 convites enviados.' });
      expect(await heldBadge(maria, circulo.id)).toBeUndefined();

      const link = await invitationLink(maria);
      const page = await openPage(link);
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('Confirmar Ativação do Selo');
      expect(page.text).toContain('MARIA DA SILVA');

      const tokenValue = link.searchParams.get('token')!;
      const confirmed = await confirm(tokenValue);
      expect(confirmed.status).toBe(200);
      expect(confirmed.text).toContain('Confirmação Recebida!');
      expect(confirmed.text).toContain('Círculo PenhaS</strong> ativo no seu perfil');

      const held = await heldBadge(maria, circulo.id);
      const days = (Date.parse(String(held?.valid_until)) - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(364);
      expect(days).toBeLessThanOrEqual(365);
      expect((await invitations(maria))[0]).toMatchObject({ accepted: 1, accepted_ip: expect.any(String) });
      // The app shows it on her profile.
      const me = await h.app.get('/me', { apiKey: maria.session });
      expect(me.body.user_profile.badges).toEqual([
        {
          code: 'circulo-penhas',
          name: 'Círculo PenhaS',
          description: 'Selo Círculo PenhaS',
          image_url: 'https://example.org/b.svg',
          image_url_black: 'https://example.org/b-black.svg',
          popup: 1,
          show_description: 1,
          style: 'inline',
        },
      ]);

      // Opened again: already accepted; confirmed again: nothing changes.
      expect((await openPage(link)).text).toContain('Confirmação Recebida!');
      expect((await confirm(tokenValue)).text).toContain('Confirmação Recebida!');
      expect(await heldBadge(maria, circulo.id)).toEqual(held);

      const [audit] = await admin.auditOf(token, 'cliente', maria.id);
      expect(audit).toMatchObject({ action: 'badge.invite', facts: { badge_id: circulo.id } });
    },
    JOURNEY_MS,
  );

  it(
    'keeps one pending invitation, and a removed one no longer opens',
    async () => {
      const ana = await h.seedAccount();
      expect((await assign(circulo.id, [String(ana.id)])).body.emailed).toBe(1);
      expect((await assign(circulo.id, [String(ana.id)])).body).toMatchObject({ emailed: 0, kept: 1 });
      const link = await invitationLink(ana);
      expect((await assign(circulo.id, [ana.email], 'remove')).body).toMatchObject({ removed: 1 });
      const page = await openPage(link);
      expect(page.text).toContain('Erro na Confirmação');
      expect(page.text).toContain('Este convite foi cancelado ou expirou.');
      expect((await confirm(link.searchParams.get('token')!)).text).toContain('Este convite foi cancelado ou expirou.');
      expect(await heldBadge(ana, circulo.id)).toBeUndefined();
    },
    JOURNEY_MS,
  );

  it(
    'answers the original messages for a missing, forged, foreign or expired link',
    async () => {
      expect((await h.app.get('/badge/accept', { headers: { accept: 'text/html' } })).text).toContain('Link de confirmação inválido ou ausente.');
      // A POST with no token is no invitation's form: the same page, answered 400.
      const bare = await h.app.post('/badge/accept', { form: {}, headers: { accept: 'text/html' } });
      expect(bare.status).toBe(400);
      expect(bare.headers['content-type']).toContain('text/html');
      expect(bare.text).toContain('Link de confirmação inválido ou ausente.');
      expect((await h.app.get('/badge/accept', { query: { token: 'abc.def.ghi' } })).text).toContain('O link utilizado é inválido.');
      const sign = (payload: Record<string, unknown>) => new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).sign(SESSION_KEY);
      const wrongIssuer = await sign({ iss: 'U:C', bid: 1, uid: 1, inv: 1, exp: Math.floor(Date.now() / 1000) + 60 });
      expect((await h.app.get('/badge/accept', { query: { token: wrongIssuer } })).text).toContain('O link utilizado não é válido para esta ação.');
      const unknown = await sign({ iss: 'BdgInv', bid: circulo.id, uid: 1, inv: 999_999, exp: Math.floor(Date.now() / 1000) + 60 });
      expect((await h.app.get('/badge/accept', { query: { token: unknown } })).text).toContain('O convite associado a este link não foi encontrado.');

      const bia = await h.seedAccount();
      await assign(circulo.id, [bia.email]);
      const [invite] = await invitations(bia);
      const expired = await sign({ iss: 'BdgInv', bid: circulo.id, uid: bia.id, inv: invite.id, exp: Math.floor(Date.now() / 1000) - 60 });
      expect((await confirm(expired)).text).toContain('Este link de convite expirou.');
      expect((await invitations(bia))[0]).toMatchObject({ deleted: 1 });
      expect(await heldBadge(bia, circulo.id)).toBeUndefined();
    },
    JOURNEY_MS,
  );
});

describe('other badges', () => {
  it(
    'are given at once and taken back; men are not given badges; unknown people are counted',
    async () => {
      const [maria, joao] = await Promise.all([h.seedAccount(), h.seedAccount({ genero: 'Masculino' })]);
      const reply = await assign(voluntaria.id, [String(maria.id), joao.email, 'ninguem@example.com', 'not-an-identifier']);
      expect(reply.body).toEqual({
        added: 1,
        emailed: 0,
        removed: 0,
        kept: 0,
        not_found: 1,
        not_eligible: 1,
        message: 'Processamento concluído: 1 adicionados, 1 mantidos/ignorados, 1 usuários não encontrados.',
      });
      expect(await heldBadge(maria, voluntaria.id)).toMatchObject({ badge_id: voluntaria.id });
      expect((await h.app.get('/me', { apiKey: maria.session })).body.user_profile.badges).toMatchObject([{ name: 'Voluntária' }]);
      expect(await heldBadge(joao, voluntaria.id)).toBeUndefined();

      expect((await assign(voluntaria.id, [String(maria.id)], 'remove')).body.removed).toBe(1);
      expect(Date.parse(String((await heldBadge(maria, voluntaria.id))?.valid_until))).toBeLessThanOrEqual(Date.now());
      expect((await h.app.get('/me', { apiKey: maria.session })).body.user_profile.badges).toEqual([]);
      expect((await assign(voluntaria.id, [String(maria.id)], 'remove')).body.message).toBe('Processamento concluído: 1 mantidos/ignorados.');
    },
    JOURNEY_MS,
  );

  it('answers form_error for a badge that does not exist', async () => {
    const reply = await assign(987_654, ['1']);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'form_error', field: 'badge_id', reason: 'not_found' });
  });
});
