/**
 * PenhaS password storage. New hashes are scrypt (shared/auth/scrypt.ts).
 * Accounts imported from the original hold unsalted
 * SHA-256 hex (and the oldest MD5 hex); they still log in, and `needsUpgrade`
 * tells login to store a scrypt hash in their place.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { belowCurrentCost, hashPassword, isScryptHash, verifyPassword as verifyScrypt } from '#shared/auth/scrypt';

export { hashPassword };

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** True when `password` matches `stored` (scrypt, or a legacy SHA-256/MD5 hex digest); malformed hashes never match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (isScryptHash(stored)) return verifyScrypt(password, stored);
  if (/^[0-9a-f]{64}$/i.test(stored)) return equal(createHash('sha256').update(password, 'utf8').digest(), Buffer.from(stored, 'hex'));
  if (/^[0-9a-f]{32}$/i.test(stored)) return equal(createHash('md5').update(password, 'utf8').digest(), Buffer.from(stored, 'hex'));
  return false;
}

/** A legacy hash, or scrypt at a lower cost than today's: store a new hash after a successful login. */
export const needsUpgrade = (stored: string): boolean => belowCurrentCost(stored);
