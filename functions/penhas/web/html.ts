/**
 * The public pages' HTML: one accessible layout (lang pt-BR, a main landmark,
 * headings in order, no script), text escaped and content fragments (trusted,
 * from the seed) placed as they are. Links are relative, so the pages work
 * under any base path (`/penhas/web/…` locally, `/web/…` deployed).
 */
import { text, type HttpResult } from '#shared/http/responses';

const HTML = 'text/html; charset=utf-8';

export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f1f1f;background:#f4f4f4;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1rem 1.25rem 2rem;background:#fff}
h1{font-size:1.5rem;color:#7a1b6b}h2{font-size:1.2rem}a{color:#7a1b6b}
details{border-bottom:1px solid #ddd;padding:.5rem 0}summary{cursor:pointer}summary h2{display:inline;font-size:1.1rem}
ul{padding-left:1.25rem}li{margin:.4rem 0}nav{margin-top:1.5rem}`;

/** A complete page: `title` is plain text (escaped), `body` is HTML. */
export function page(title: string, body: string, status = 200): HttpResult {
  const html = `<!doctype html>
<html lang="pt-BR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · PenhaS</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
  return text(html, HTML, status);
}
