import { describe, expect, it } from 'vitest';
import { invitePage, wantsHtml } from '../../../functions/penhas/guardians/invite-page.ts';

const invite = (state: { is_pending?: 0 | 1; is_accepted?: 0 | 1; is_expired?: 0 | 1 }, apelido = 'Maria') => ({
  guardiao: {
    celular: '(11) 91234-1234',
    is_accepted: state.is_accepted ?? 0,
    is_pending: state.is_pending ?? 0,
    is_expired: state.is_expired ?? 0,
    nome: 'Rosa',
    refused_at: null,
    created_at: '2026-01-01T10:00:00',
    accepted_at: null,
  },
  cliente: { apelido },
});

describe('invitePage', () => {
  it('offers a pending invite’s two answers as buttons of one form', () => {
    const { body, statusCode, headers } = invitePage({ invite: invite({ is_pending: 1 }), token: 'ABCDEFG123' });
    expect([statusCode, headers?.['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(body).toContain('<html lang="pt-BR">');
    expect(body).toContain('<main>');
    expect(body).toContain('<input type="hidden" name="token" value="ABCDEFG123">');
    expect(body).toContain('value="accept" class="aceitar">Aceitar convite</button>');
    expect(body).toContain('value="refuse" class="recusar">Recusar convite</button>');
    expect(body).toContain('<h1>Olá, Rosa!</h1>');
  });

  it('shows each state with the original’s sentence', () => {
    expect(invitePage({ invite: invite({ is_accepted: 1 }), token: 'T' }).body).toContain('Você faz parte das guardiãs da Maria!');
    expect(invitePage({ invite: invite({ is_expired: 1 }), token: 'T' }).body).toContain('Este convite já foi expirou, peça um novo convite para a Maria.');
    expect(invitePage({ invite: invite({}), token: 'T' }).body).toContain('voltar a ser guardiã');
  });

  it('escapes what users typed', () => {
    const { body } = invitePage({ invite: invite({ is_pending: 1 }, '<script>alert(1)</script>'), token: '"><x' });
    expect(body).not.toContain('<script>');
    expect(body).toContain('&lt;script&gt;');
    expect(body).toContain('value="&quot;&gt;&lt;x"');
  });

  it('puts a failure’s message where screen readers announce it', () => {
    expect(invitePage({ message: 'Este convite já expirou!' }).body).toContain('<p class="alerta" role="alert">Este convite já expirou!</p>');
  });
});

describe('wantsHtml', () => {
  it('is true for browsers, false for the app and scripts', () => {
    expect(wantsHtml({ accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' })).toBe(true);
    expect(wantsHtml({ accept: 'application/json' })).toBe(false);
    expect(wantsHtml({})).toBe(false);
  });
});
