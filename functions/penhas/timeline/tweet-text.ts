/**
 * A tweet's text as the app shows it: HTML-escaped, line breaks as `<br/>`,
 * and for anyone but its author the contact data in it masked (phone numbers,
 * e-mail addresses, valid CPFs and UUIDs become asterisks), so the timeline
 * cannot be used to pass on someone's contact. Pure: the rules of the
 * original's `remove_pi`, `nl2br` and `xml_escape`.
 */
import { isValidCpf } from '../accounts/cpf.ts';

const DDD =
  '11|12|13|14|15|16|17|18|19|21|22|24|27|28|31|32|33|34|35|37|38|41|42|43|44|45|46|47|48|49|51|53|54|55|61|62|63|64|65|66|67|68|69|71|73|74|75|77|79|81|82|83|84|85|86|87|88|89|91|92|93|94|95|96|97|98|99';
// An optional area code (bracketed or not), then 4-5 + 4-10 digits with at most one separator between them.
const PHONE = new RegExp(`((?:\\(?(?:${DDD})\\)?\\s*)?\\D{0,3}(?:${DDD})?\\d{4,5}\\D?\\d{4,10}\\D{0,3})`, 'gu');
const WORD = '[\\p{L}\\p{N}_]';
const EMAIL = new RegExp(`(${WORD}+(?:[-+.']${WORD}+)*@${WORD}+(?:[-.]${WORD}+)*\\.${WORD}+(?:[-.]${WORD}+)*)`, 'gu');
// Digits with up to four separators between them, up to six groups: the shapes a CPF is written in.
const CPF_LIKE = new RegExp(`(\\d(?:[\\p{L}\\p{N}_\\s.\\-*]{1,4}\\d){1,5})(?!${WORD})`, 'gu');
const UUID = new RegExp(`${WORD}{8}(?:-${WORD}{4}){3}-${WORD}{12}`, 'gu');

/** The text with phone numbers, e-mails, CPFs and UUIDs masked (toll-free 0800 numbers are kept). */
export function maskContactData(content: string): string {
  return content
    .replace(PHONE, (match) => (/^\D*0800/.test(match) ? match : match.replace(/\d/g, '*')))
    .replace(EMAIL, (match) => match.replace(/[\p{L}\p{N}_]/gu, '*'))
    .replace(CPF_LIKE, (match) => (isValidCpf(match.replace(/\D/g, '')) ? match.replace(/[0-9]/g, '*') : match))
    .replace(UUID, '*******-****-****-****-************');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Line breaks as `<br/>` (kept after it), and runs of two spaces as non-breaking ones. */
export const nl2br = (text: string): string => text.replace(/(\r\n|\n\r|\n|\r)/g, ' <br/> $1').replace(/\s\s/g, ' &nbsp;&nbsp; ');

/** What the timeline shows of a tweet's text to the viewer. */
export function renderTweetText(content: string, viewerIsAuthor: boolean): string {
  return nl2br(escapeHtml(viewerIsAuthor ? content : maskContactData(content)));
}
