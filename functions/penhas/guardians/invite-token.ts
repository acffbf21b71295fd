/**
 * The token in a guardian's invite link, in the original's format so links
 * already sent keep working: 7 random characters of
 * `ASDFGHJKLQWERTYUIOPZXCVBNM0123456789-._` and a 3-character check (the first
 * hex digits of md5(GUARD_HASH_SALT + the 7), upper-cased). The check only
 * catches mistyped links; the 7 random characters (~9·10^10 values, and a rate
 * limit on the page) are what make a token hard to guess.
 */
import { createHash, randomInt } from 'node:crypto';
import { badRequest } from '../errors.ts';

const ALPHABET = 'ASDFGHJKLQWERTYUIOPZXCVBNM0123456789-._';
/** What a well-formed token may hold (the original also allowed `,` and `*`). */
const FORMAT = /^[ASDFGHJKLQWERTYUIOPZXCVBNM0123456789\-.,*_]{10}$/;

const salt = () => process.env.GUARD_HASH_SALT ?? '';

const checkOf = (random: string) =>
  createHash('md5')
    .update(salt() + random)
    .digest('hex')
    .slice(0, 3)
    .toUpperCase();

export function newInviteToken(): string {
  let random = '';
  for (let i = 0; i < 7; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return `${random}${checkOf(random)}`;
}

/** Throws `token_invalid_format` or `token_invalid_hash` (field `token`), with the original's texts. */
export function checkInviteToken(token: string): void {
  if (!FORMAT.test(token)) {
    throw badRequest('token_invalid_format', 'O código informado não é válido. Confira novamente o link recebido no SMS.', 'token');
  }
  if (token.slice(7) !== checkOf(token.slice(0, 7))) throw badRequest('token_invalid_hash', 'Assinatura do código não confere.', 'token');
}
