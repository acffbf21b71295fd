/**
 * PyTake password storage: scrypt (node:crypto, off the event loop), stored
 * self-describing as `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>` (PHC style,
 * unpadded base64), so the cost can be raised later without breaking stored
 * hashes. scrypt rather than PBKDF2: memory-hard at tens of milliseconds a
 * hash, which keeps login cheap on a small Lambda.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: ~32 MB and tens of ms per hash. */
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

/** True when `password` matches `stored`; a malformed or absurdly costly stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = FORMAT.exec(stored);
  if (!match) return false;
  const [, ln, r, p, salt, key] = match;
  const expected = Buffer.from(key, 'base64');
  if (Number(ln) > 20 || Number(r) > 32 || Number(p) > 16 || expected.length === 0) return false;
  const derived = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, scryptOptions(Number(ln), Number(r), Number(p)));
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

/** Made once: verifying against it costs what a real check costs, so an unknown e-mail answers in the same time. */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
