/**
 * The page a guardian opens from the invite SMS, for browsers (the client
 * accepts `text/html`): the original's texts, as a plain accessible form
 * (lang pt-BR, one main landmark, real buttons, no script), then the questions
 * a guardian usually has. The form posts back to the same address, relative,
 * so it works under any base path.
 */
import { text, type HttpResult } from '#shared/http/responses';
import type { publicInvite } from './guardians.ts';

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Whether the answer should be the page: the client asks for HTML (a browser). */
export const wantsHtml = (headers: Record<string, string | undefined>): boolean => /\btext\/html\b/i.test(headers.accept ?? '');

/** Questions a guardian asks, answered on the page (plain text). */
export const GUARDIAN_FAQ: { title: string; answer: string }[] = [
  {
    title: 'O que é uma guardiã ou um guardião?',
    answer:
      'É uma pessoa de confiança de quem usa o PenhaS. Quando ela aciona o botão de pânico no aplicativo, você recebe um SMS com o pedido de socorro e, se o celular dela informar, a localização no mapa.',
  },
  {
    title: 'O que eu preciso fazer ao receber um alerta?',
    answer:
      'Entre em contato com ela o quanto antes. Se não conseguir e achar que ela corre perigo, ligue 190 (Polícia Militar) ou 180 (Central de Atendimento à Mulher).',
  },
  {
    title: 'Preciso instalar o aplicativo?',
    answer: 'Não. Os alertas chegam por SMS no número em que você recebeu o convite.',
  },
  {
    title: 'Posso deixar de ser guardiã ou guardião?',
    answer: 'Sim. Abra este mesmo link quando quiser e use o botão para deixar de ser guardiã; você pode voltar depois pelo mesmo link.',
  },
];

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f1f1f;background:#f4f4f4;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem;background:#fff;text-align:center}
h1{font-size:1.5rem;color:#7a1b6b}h2{font-size:1.2rem}
.alerta{border:2px solid #b00020;color:#b00020;padding:.75rem;border-radius:.5rem}
button{font-size:1.1rem;padding:.75rem 1.5rem;margin:.5rem;border-radius:.5rem;border:0;cursor:pointer}
.aceitar{background:#7a1b6b;color:#fff}.recusar{background:#b00020;color:#fff}
section{text-align:left;margin-top:2rem}details{border-bottom:1px solid #ddd;padding:.5rem 0}summary{cursor:pointer;font-weight:600}`;

type PublicInvite = ReturnType<typeof publicInvite>;

export interface InvitePage {
  invite?: PublicInvite;
  token?: string;
  /** A failure's message, shown above everything (the original rendered errors on the page too). */
  message?: string;
}

const button = (action: 'accept' | 'refuse', label: string) =>
  `<button type="submit" name="action" value="${action}" class="${action === 'accept' ? 'aceitar' : 'recusar'}">${label}</button>`;

function inviteForm({ guardiao, cliente }: PublicInvite, token: string): string {
  const apelido = escapeHtml(cliente.apelido);
  const lines: string[] = [];
  if (guardiao.is_pending) {
    lines.push(
      `<p>Você foi convidado por ${apelido} para se tornar uma guardiã.</p>`,
      `<p>${button('accept', 'Aceitar convite')}</p>`,
      `<p>${button('refuse', 'Recusar convite')}</p>`,
    );
  }
  if (guardiao.is_expired) lines.push(`<p>Este convite já foi expirou, peça um novo convite para a ${apelido}.</p>`);
  if (guardiao.is_accepted) {
    lines.push(`<p>Você faz parte das guardiãs da ${apelido}!</p>`, `<p>${button('refuse', 'deixar de ser guardiã')}</p>`);
  } else if (!guardiao.is_pending && !guardiao.is_expired) {
    lines.push(
      `<p>Você não faz mais parte das guardiãs da ${apelido}, mas pode retornar usando o botão abaixo</p>`,
      `<p>${button('accept', 'voltar a ser guardiã')}</p>`,
    );
  }
  return `<form method="post" action="guardiao">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<h1>Olá, ${escapeHtml(guardiao.nome)}!</h1>
${lines.join('\n')}
</form>`;
}

/** The page, always 200 as the original's (a failure is its message on the page). */
export function invitePage({ invite, token, message }: InvitePage): HttpResult {
  const faq = GUARDIAN_FAQ.map(({ title, answer }) => `<details><summary>${escapeHtml(title)}</summary><p>${escapeHtml(answer)}</p></details>`).join('\n');
  const html = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Convite de guardiã · PenhaS</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p><strong>PenhaS</strong></p>
${message ? `<p class="alerta" role="alert">${escapeHtml(message)}</p>` : ''}
${invite && token ? inviteForm(invite, token) : '<h1>Convite de guardiã</h1>'}
<section aria-labelledby="ajuda">
<h2 id="ajuda">Precisando de ajuda?</h2>
${faq}
</section>
</main>
</body>
</html>
`;
  return text(html, 'text/html; charset=utf-8', 200);
}
