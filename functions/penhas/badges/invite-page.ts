/**
 * The Círculo PenhaS invitation page (`/badge/accept`), as the original
 * answered it: always a page (status 200), showing the invitation with a
 * button to accept it, the confirmation once accepted, or why the link does
 * not work; only a POST with no token at all (no invitation's form sends
 * that) is answered 400, with the same page. The checks and their messages are the original's, in its order.
 */
import { countRequest } from '#shared/db/counters';
import type { HttpResult } from '#shared/http/responses';
import { findUser, type UserRecord } from '../accounts/users.ts';
import { tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { escapeHtml, page } from '../web/html.ts';
import { acceptInvite, type BadgeInvite, type BadgeKind, expireInvite, findBadge, findInvite, heldBadge } from './badges.ts';
import { checkInviteToken } from './invite-token.ts';

type Checked =
  | { status: 'ok'; invite: BadgeInvite; user?: UserRecord; badge?: BadgeKind }
  | { status: string; message: string; user?: UserRecord; badge?: BadgeKind };

const MESSAGES = {
  missing: 'Link de confirmação inválido ou ausente.',
  invalid_token: 'O link utilizado é inválido.',
  invalid_issuer: 'O link utilizado não é válido para esta ação.',
  invalid_payload: 'O link utilizado está incompleto.',
  expired_token: 'Este link de convite expirou.',
  invite_not_found: 'O convite associado a este link não foi encontrado.',
  token_mismatch: 'O link utilizado não corresponde aos dados do convite.',
  invite_deleted: 'Este convite foi cancelado ou expirou.',
  invite_expired: 'Este convite já foi aceito, mas já foi cancelado ou expirou.',
  invite_already_accepted: 'Este convite já foi aceito anteriormente.',
  confirmation_error: 'Ocorreu um erro ao tentar ativar o seu selo. Por favor, tente novamente ou contate o suporte.',
} as const;

/** The original's limit on this page: 100 requests an hour per address (its IPv6 cut to the prefix). */
export const countPageRequest = (ip: string) =>
  countRequest({ limit: 100, windowSeconds: 3600, counterKey: (start) => rateKey('badge-accept', ip.slice(0, 18), start), refuse: tooManyRequests });

async function checkInvite(token: string, now = new Date()): Promise<Checked> {
  const checked = await checkInviteToken(token);
  if (checked.status === 'expired_token') {
    if (checked.claims) await expireInvite(checked.claims.uid, checked.claims.inv, now);
    return { status: checked.status, message: MESSAGES.expired_token };
  }
  if (checked.status !== 'ok') return { status: checked.status, message: MESSAGES[checked.status] };
  const { uid, bid, inv } = checked.claims;
  const invite = await findInvite(uid, inv);
  if (!invite) return { status: 'invite_not_found', message: MESSAGES.invite_not_found };
  if (invite.badge_id !== bid) return { status: 'token_mismatch', message: MESSAGES.token_mismatch };
  const [user, badge] = await Promise.all([findUser(uid), findBadge(bid)]);
  if (invite.deleted) return { status: 'invite_deleted', message: MESSAGES.invite_deleted };
  if (invite.accepted) {
    const held = await heldBadge(uid, bid);
    return held && held.valid_until > now.toISOString()
      ? { status: 'invite_already_accepted', message: MESSAGES.invite_already_accepted, user, badge }
      : { status: 'invite_expired', message: MESSAGES.invite_expired, user, badge };
  }
  return { status: 'ok', invite, user, badge };
}

const TITLE = 'Círculo PenhaS';
const signature = '<p>Um abraço carinhoso,<br><strong>Equipe PenhaS</strong></p>';
const contact = '<p>Dúvidas? Escreva para <a href="mailto:contato@penhas.com.br">contato@penhas.com.br</a>.</p>';
const nameOf = (user?: UserRecord) => escapeHtml(user?.nome_completo || 'Usuária');

function invitationPage(checked: { user?: UserRecord; badge?: BadgeKind }, token: string): HttpResult {
  const badgeName = escapeHtml(checked.badge?.name ?? 'Círculo PenhaS');
  return page(
    `Confirmação - ${TITLE}`,
    `<p>Olá, ${nameOf(checked.user)}!</p>
<p>Você foi convidada a receber o selo <strong>${badgeName}</strong>: com ele, seu perfil é identificado no aplicativo e você pode apoiar outras mulheres da sua região.</p>
<p>O selo vale por 1 ano. A atuação voluntária não é remunerada.</p>
<form method="post" action="accept">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Confirmar Ativação do Selo</button>
</form>
${signature}
${contact}`,
  );
}

function confirmedPage(checked: { user?: UserRecord; badge?: BadgeKind }): HttpResult {
  const body =
    checked.user && checked.badge
      ? `<p>Olá, ${nameOf(checked.user)}!</p>\n<p>A partir de agora você tem o selo <strong>${escapeHtml(checked.badge.name)}</strong> ativo no seu perfil.</p>`
      : '<p>Seu selo está ativo!</p>';
  return page('Confirmação Recebida!', `${body}\n<p>Te esperamos no aplicativo!</p>\n${signature}`);
}

const errorPage = (message: string, status = 200): HttpResult =>
  page('Erro na Confirmação', `<p role="alert">${escapeHtml(message)}</p>\n${contact}\n${signature}`, status);

/** GET: the invitation and its button, or why the link does not work. */
export async function showInvitation(token: string | undefined): Promise<HttpResult> {
  if (!token) return errorPage(MESSAGES.missing);
  const checked = await checkInvite(token);
  if (checked.status === 'ok') return invitationPage(checked, token);
  if (checked.status === 'invite_already_accepted') return confirmedPage(checked);
  return errorPage((checked as { message: string }).message);
}

/** POST: she accepts; the badge is hers for a year. */
export async function confirmInvitation(token: string | undefined, facts: { ip: string; userAgent: string }): Promise<HttpResult> {
  if (!token) return errorPage(MESSAGES.missing, 400);
  const checked = await checkInvite(token);
  if (checked.status === 'invite_already_accepted') return confirmedPage(checked);
  if (checked.status !== 'ok' || !('invite' in checked)) return errorPage((checked as { message: string }).message);
  if (!(await acceptInvite(checked.invite, facts))) return errorPage(MESSAGES.confirmation_error);
  return confirmedPage(checked);
}
