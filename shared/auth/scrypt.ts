/**
 * Password hashing with scrypt (node:crypto, off the event loop): memory-hard
 * at tens of milliseconds a hash, which keeps login cheap on a small Lambda.
 * A stored hash is self-describing, `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`
 * (PHC style, unpadded base64), so the cost can be raised later without
 * breaking stored hashes (`belowCurrentCost` says when to rehash at login).
 * The tenant services and PenhaS store passwords this way; LiftLog keeps the
 * original's PBKDF2 (passwords.ts).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: OWASP's recommended minimum for scrypt (~32 MB, tens of ms per hash). */
const COST = { ln: 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

const encode = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function scryptAsync(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}

const optionsOf = (ln: number, r: number, p: number): ScryptOptions => ({ N: 2 ** ln, r, p, maxmem: 256 * 2 ** ln * r + 1024 * 1024 });

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, optionsOf(COST.ln, COST.r, COST.p));
  return `$scrypt$ln=${COST.ln},r=${COST.r},p=${COST.p}$${encode(salt)}$${encode(key)}`;
}

/** Whether `stored` is a scrypt hash of this format at all. */
export const isScryptHash = (stored: string): boolean => FORMAT.test(stored);

/** True when `password` matches `stored`; a malformed (or absurdly costly) stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key, 'base64');
  if (Number(ln) > 20 || Number(r) > 32 || Number(p) > 16 || expected.length === 0) return false;
  const derived = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, optionsOf(Number(ln), Number(r), Number(p)));
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** A scrypt hash made at a lower cost than today's: store a new one after a successful login. */
export function belowCurrentCost(stored: string): boolean {
  const match = FORMAT.exec(stored);
  return !match || Number(match[1]) < COST.ln || Number(match[2]) < COST.r;
}

let decoy: Promise<string> | undefined;
/** Made once per environment: verifying against it costs what a real check costs, so an unknown account answers in the same time. */
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
