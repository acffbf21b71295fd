/**
 * The authorization matrix's rows for the admin API and the badge invitation
 * page (test/penhas/authorization.test.ts spreads them into its matrix).
 *
 * Admin routes act on any account or content of the service: an admin may, and
 * an app user (her session in `X-Api-Key` or in `Authorization: Bearer`) or a
 * caller without credentials may not, each refused 401 with nothing changed.
 * The invitation page answers to whoever holds an invitation's link.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import { eventually } from '../../support/eventually.ts';
import { freshIp, type PenhasHarness, type Reply, type SeededAccount } from '../app-client.ts';
import { AdminClient } from './admin-client.ts';

export interface MatrixRow {
  rule: string;
  owner(): Promise<void>;
  other(): Promise<void>;
}

interface Caller {
  token?: string;
  apiKey?: string;
}

interface StaffFixture {
  call(caller: Caller): Promise<Reply>;
  /** The status an admin gets. */
  allowed: number;
  /** What must stay as it is after a refused call. */
  snapshot(): Promise<unknown>;
}

const POINT = {
  status: 'active',
  nome: 'Ponto da matriz',
  sigla: null,
  natureza: 'publico',
  categoria: 1,
  descricao: null,
  tipo_logradouro: 'Rua',
  nome_logradouro: 'Rua da Matriz',
  numero: null,
  numero_sem_numero: 1,
  complemento: null,
  bairro: 'Centro',
  municipio: 'São Paulo',
  uf: 'SP',
  cep: '01001000',
  ddd: null,
  telefone1: null,
  telefone2: null,
  ramal1: null,
  ramal2: null,
  email: null,
  eh_24h: 0,
  eh_whatsapp: 0,
  horario_inicio: null,
  horario_fim: null,
  dias_funcionamento: null,
  eh_presencial: 1,
  eh_online: 0,
  funcionamento_pandemia: 0,
  observacao_pandemia: null,
  ja_passou_por_moderacao: 1,
  observacao: null,
  latitude: -23.55,
  longitude: -46.63,
  abrangencia: 'Local',
  cod_ibge: null,
  projetos: [],
};

export function adminMatrixRows(h: PenhasHarness, runtime: LocalRuntime): Record<string, MatrixRow> {
  const admin = new AdminClient(h);
  let token: Promise<string> | undefined;
  const staffToken = () => (token ??= admin.token());

  const callAs = (caller: Caller, method: string, path: string, json?: unknown) =>
    h.app.request(method, path, { json, ip: freshIp(), apiKey: caller.apiKey, headers: caller.token ? { authorization: `Bearer ${caller.token}` } : {} });
  const partition = (pk: string) => h.table.partition(pk);

  function staffRow(rule: string, fixture: () => Promise<StaffFixture>): MatrixRow {
    return {
      rule,
      async owner() {
        const f = await fixture();
        const reply = await f.call({ token: await staffToken() });
        expect(reply.status, reply.text).toBe(f.allowed);
      },
      async other() {
        const [f, user] = await Promise.all([fixture(), h.seedAccount()]);
        const before = await f.snapshot();
        for (const caller of [{ apiKey: user.session }, { token: user.session }, {}]) {
          const reply = await f.call(caller);
          expect(reply.status, reply.text).toBe(401);
        }
        expect(await f.snapshot()).toEqual(before);
      },
    };
  }

  const supportFixture = async (allowed: number, method: 'GET' | 'POST'): Promise<StaffFixture> => {
    const maria = await h.seedAccount();
    const chatAuth = (await h.app.get('/me/chats', { apiKey: maria.session })).body.support.chat_auth;
    await h.app.post('/me/chats-messages', { apiKey: maria.session, query: { chat_auth: chatAuth }, rawBody: 'message=socorro' });
    return {
      allowed,
      call: (caller) => callAs(caller, method, `/admin/support-chats/${maria.id}/messages`, method === 'POST' ? { message: 'oi' } : undefined),
      snapshot: () => partition(`USER#${maria.id}`),
    };
  };

  const suggestionFixture = async (action: 'approve' | 'reject', allowed: number): Promise<StaffFixture> => {
    const maria = await h.seedAccount();
    const id = 1 + Math.floor(Math.random() * 1_000_000);
    const key = { pk: `USER#${maria.id}`, sk: `PA_SUGGESTION#${String(id).padStart(9, '0')}` };
    const at = new Date().toISOString();
    await h.table.put({
      ...key,
      gsi1pk: 'PA_SUGGESTIONS',
      gsi1sk: `${at}#2#${id}`,
      id,
      version: 2,
      cliente_id: maria.id,
      status: 'awaiting-moderation',
      nome: 'Sugerido',
      categoria: 1,
      created_at: at,
    });
    const body = action === 'approve' ? { ...POINT, nome: undefined } : { motivo: 'teste' };
    return {
      allowed,
      call: (caller) => callAs(caller, 'POST', `/admin/point-suggestions/${maria.id}/${id}/${action}`, body),
      snapshot: async () => (await partition(key.pk)).find((item) => item.sk === key.sk),
    };
  };

  let circulo: Promise<number> | undefined;
  const circuloBadge = () =>
    (circulo ??= (async () => {
      const reply = await admin.post('/admin/badges', {
        token: await staffToken(),
        json: {
          code: 'circulo-penhas',
          name: 'Círculo PenhaS',
          description: '',
          image_url: 'https://example.org/c.svg',
          image_url_black: 'https://example.org/c.svg',
        },
      });
      return reply.body.id as number;
    })());

  /** Her invitation's link token, from the e-mail. */
  const invitationFor = async (account: SeededAccount): Promise<string> => {
    await admin.post(`/admin/badges/${await circuloBadge()}/assign`, { token: await staffToken(), json: { identifiers: [account.email], action: 'add' } });
    const mail = await runtime.outbox.waitFor({ channel: 'email', to: account.email }, 30_000);
    return new URL(/(http\S+badge\/accept\?token=\S+)/.exec((mail.payload as { text: string }).text)![1]).searchParams.get('token')!;
  };
  /** A link to her invitation signed by someone without the key. */
  const forgedFor = async (account: SeededAccount): Promise<string> => {
    const [invite] = (await partition(`USER#${account.id}`)).filter((item) => String(item.sk).startsWith('BADGE_INVITE#'));
    return new SignJWT({ iss: 'BdgInv', bid: invite.badge_id, uid: account.id, inv: invite.id, exp: Math.floor(Date.now() / 1000) + 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('not-the-session-key-0123456789abcdef0123456789'));
  };
  const holds = async (account: SeededAccount) => (await partition(`USER#${account.id}`)).some((item) => String(item.sk).startsWith('BADGE#'));

  return {
    'admin-read-support-chat': staffRow('any admin reads a woman’s support chat; app users never', () => supportFixture(200, 'GET')),
    'admin-answer-support-chat': staffRow('any admin answers in a woman’s support chat; app users never', () => supportFixture(200, 'POST')),
    'admin-approve-suggestion': staffRow('only admins approve a suggestion into a support point', () => suggestionFixture('approve', 200)),
    'admin-reject-suggestion': staffRow('only admins reject a suggestion', () => suggestionFixture('reject', 204)),
    'admin-put-point': staffRow('only admins write support points', async () => {
      const id = 800_000 + Math.floor(Math.random() * 90_000);
      return { allowed: 200, call: (caller) => callAs(caller, 'PUT', `/admin/points/${id}`, POINT), snapshot: () => partition(`PONTO_APOIO#${id}`) };
    }),
    'admin-assign-badge': staffRow('only admins give or take badges', async () => {
      const maria = await h.seedAccount();
      const badge = await circuloBadge();
      return {
        allowed: 200,
        call: (caller) => callAs(caller, 'POST', `/admin/badges/${badge}/assign`, { identifiers: [String(maria.id)], action: 'add' }),
        snapshot: () => partition(`USER#${maria.id}`),
      };
    }),
    'admin-create-broadcast': staffRow('only admins notify accounts', async () => {
      const maria = await h.seedAccount();
      return {
        allowed: 202,
        call: (caller) => callAs(caller, 'POST', '/admin/broadcasts', { title: 'Aviso', content: 'Texto', segment: { kind: 'user', cliente_id: maria.id } }),
        snapshot: async () => [
          await partition(`USER#${maria.id}`),
          (await admin.get('/admin/broadcasts', { token: await staffToken(), query: { rows: 100 } })).body.rows.length,
        ],
      };
    }),
    'admin-put-web-page': staffRow('only admins change the web pages', async () => ({
      allowed: 204,
      call: (caller) => callAs(caller, 'PUT', '/admin/web-pages/conta-exclusao', { title: 'Exclusão de conta', html: `<p>${randomUUID()}</p>` }),
      snapshot: async () => (await partition('WEB')).find((item) => item.sk === 'PAGE#conta-exclusao'),
    })),
    'admin-put-news-feed': staffRow('only admins change the news feeds', async () => {
      const id = 1000 + Math.floor(Math.random() * 90_000);
      return {
        allowed: 200,
        call: (caller) =>
          callAs(caller, 'PUT', `/admin/news-feeds/${id}`, { url: 'https://example.org/rss', fonte: 'Matriz', autocapitalize: 0, status: 'paused', tags: [] }),
        snapshot: () => partition('NEWS_FEED'),
      };
    }),
    'admin-put-questionnaire': staffRow('only admins change the questionnaires', async () => {
      const item = (await partition('QUIZ_CONTENT')).find((row) => row.kind === 'questionnaire')!;
      const { id, ...questionnaire } = item.questionnaire as { id: number };
      return { allowed: 204, call: (caller) => callAs(caller, 'PUT', `/admin/questionnaires/${id}`, questionnaire), snapshot: () => partition('QUIZ_CONTENT') };
    }),
    'admin-free-audio-access': staffRow('only admins free a woman’s blocked recording event', async () => {
      const maria = await h.seedAccount();
      const eventId = randomUUID();
      const createdAt = new Date(Date.now() - 4 * 86_400_000).toISOString();
      // A recording event the lifecycle has blocked, as stored.
      await h.table.put({
        pk: `USER#${maria.id}`,
        sk: `AUDIO_EVENT#${eventId}`,
        event_id: eventId,
        cliente_id: maria.id,
        status: 'blocked_access',
        created_at: createdAt,
        updated_at: createdAt,
        last_cliente_created_at: createdAt.slice(0, 19),
        audio_duration: 3,
        total_bytes: 1000,
        requested_by_user: 0,
        gsi1pk: 'AUDIO_STATUS#blocked_access',
        gsi1sk: `${createdAt}#${maria.id}#${eventId}`,
      });
      return {
        allowed: 200,
        call: (caller) => callAs(caller, 'POST', `/admin/users/${maria.id}/audios/${eventId}/free-access`),
        snapshot: () => partition(`USER#${maria.id}`),
      };
    }),
    'admin-broadcast-fanout': {
      rule: 'the fan-out notifies only for a broadcast an admin recorded, to the accounts of its segment',
      async owner() {
        const maria = await h.seedAccount();
        const reply = await admin.post('/admin/broadcasts', {
          token: await staffToken(),
          json: { title: 'Aviso', content: 'Texto', segment: { kind: 'user', cliente_id: maria.id } },
        });
        expect(reply.status).toBe(202);
        await eventually(async () => (await partition(`USER#${maria.id}`)).some((item) => String(item.sk).startsWith('NOTIFICATION#')), {
          timeoutMs: 60_000,
          what: 'the broadcast in her inbox',
        });
      },
      async other() {
        const maria = await h.seedAccount();
        // A job naming no recorded broadcast (forged, or its record gone) notifies no one.
        runtime.queues.send('penhas-broadcast', JSON.stringify({ kind: 'users', broadcastId: randomUUID(), userIds: [maria.id] }));
        await runtime.queues.drained('penhas-broadcast', 60_000);
        expect((await partition(`USER#${maria.id}`)).some((item) => String(item.sk).startsWith('NOTIFICATION#'))).toBe(false);
      },
    },
    'badges-show-badge-invite': {
      rule: 'an invitation opens only with the link e-mailed to her',
      async owner() {
        const maria = await h.seedAccount();
        const reply = await h.app.get('/badge/accept', { query: { token: await invitationFor(maria) } });
        expect(reply.text).toContain('Confirmar Ativação do Selo');
      },
      async other() {
        const maria = await h.seedAccount();
        await invitationFor(maria);
        const reply = await h.app.get('/badge/accept', { query: { token: await forgedFor(maria) } });
        expect(reply.text).toContain('O link utilizado é inválido.');
        expect(reply.text).not.toContain(maria.user.nome_completo);
      },
    },
    'badges-accept-badge-invite': {
      rule: 'an invitation is accepted only with the link e-mailed to her',
      async owner() {
        const maria = await h.seedAccount();
        expect((await h.app.post('/badge/accept', { form: { token: await invitationFor(maria) } })).text).toContain('Confirmação Recebida!');
        expect(await holds(maria)).toBe(true);
      },
      async other() {
        const maria = await h.seedAccount();
        await invitationFor(maria);
        const before = await partition(`USER#${maria.id}`);
        expect((await h.app.post('/badge/accept', { form: { token: await forgedFor(maria) } })).text).toContain('O link utilizado é inválido.');
        expect(await holds(maria)).toBe(false);
        expect(await partition(`USER#${maria.id}`)).toEqual(before);
      },
    },
  };
}
