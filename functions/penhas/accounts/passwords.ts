/**
 * PenhaS password storage. New hashes are scrypt (node:crypto, off the event
 * loop), self-describing `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>` (PHC
 * style, unpadded base64). Accounts imported from the original hold unsalted
 * SHA-256 hex (and the oldest MD5 hex); they still log in, and `needsUpgrade`
 * tells login to store a scrypt hash in their place.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: OWASP's recommended minimum for scrypt; ~32 MB and tens of ms per hash. */
const COST = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const encode = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const scryptOptions = (ln: number, r: number, p: number): ScryptOptions => ({ N: 2 ** ln, r, p, maxmem: 256 * 2 ** ln * r + 1024 * 1024 });

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, scryptOptions(COST.ln, COST.r, COST.p));
  return `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${encode(salt)}$${encode(key)}`;
}

const equal = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** True when `password` matches `stored` (scrypt, or a legacy SHA-256/MD5 hex digest); malformed hashes never match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (match) {
    const [, ln, r, p, salt, key] = match;
    const expected = Buffer.from(key, 'base64');
    if (Number(ln) > 20 || expected.length === 0) return false;
    const derived = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, scryptOptions(Number(ln), Number(r), Number(p)));
    return equal(derived, expected);
  }
  if (/^[0-9a-f]{64}$/i.test(stored)) return equal(createHash('sha256').update(password, 'utf8').digest(), Buffer.from(stored, 'hex'));
  if (/^[0-9a-f]{32}$/i.test(stored)) return equal(createHash('md5').update(password, 'utf8').digest(), Buffer.from(stored, 'hex'));
  return false;
}

/** A legacy hash, or scrypt at a lower cost than today's: store a new hash after a successful login. */
export function needsUpgrade(stored: string): boolean {
  const match = FORMAT.exec(stored);
  return !match || Number(match[1]) < COST.ln || Number(match[2]) < COST.r;
}
