/**
 * Password hashing with PBKDF2 (node:crypto, off the event loop). A stored hash
 * is self-describing, `$pbkdf2-<digest>$i=<iterations>$<salt>$<key>` (PHC
 * style, unpadded base64), so parameters can be raised later without breaking
 * existing hashes; `needsRehash` says when to upgrade one at login.
 */
import { createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);

export type Digest = 'sha256' | 'sha512';

export interface Pbkdf2Parameters {
  digest: Digest;
  iterations: number;
  saltBytes: number;
  keyBytes: number;
}

/** OWASP's 2023 floor for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PARAMETERS: Pbkdf2Parameters = { digest: 'sha256', iterations: 600_000, saltBytes: 16, keyBytes: 32 };

const FORMAT = /^\$pbkdf2-(sha256|sha512)\$i=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

interface Parsed {
  digest: Digest;
  iterations: number;
  salt: Buffer;
  key: Buffer;
}

function parse(stored: string): Parsed | undefined {
  const match = FORMAT.exec(stored);
  if (!match) return undefined;
  const [, digest, iterations, salt, key] = match;
  return { digest: digest as Digest, iterations: Number(iterations), salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}

const encode = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, parameters: Partial<Pbkdf2Parameters> = {}): Promise<string> {
  const { digest, iterations, saltBytes, keyBytes } = { ...DEFAULT_PARAMETERS, ...parameters };
  const salt = randomBytes(saltBytes);
  const key = await pbkdf2Async(password, salt, iterations, keyBytes, digest);
  return `$pbkdf2-${digest}$i=${iterations}$${encode(salt)}$${encode(key)}`;
}

/** True when `password` matches `stored`; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length === 0 || parsed.iterations < 1) return false;
  const key = await pbkdf2Async(password, parsed.salt, parsed.iterations, parsed.key.length, parsed.digest);
  return constantTimeEqual(key, parsed.key);
}

/** The stored hash was made with weaker parameters than `parameters`: rehash after a successful login. */
export function needsRehash(stored: string, parameters: Partial<Pbkdf2Parameters> = {}): boolean {
  const wanted = { ...DEFAULT_PARAMETERS, ...parameters };
  const parsed = parse(stored);
  return (
    !parsed ||
    parsed.digest !== wanted.digest ||
    parsed.iterations < wanted.iterations ||
    parsed.salt.length < wanted.saltBytes ||
    parsed.key.length < wanted.keyBytes
  );
}

/** Byte equality in time independent of where the inputs differ (length is not secret). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Remembers recent successful verifications, so a client that sends its
 * password on every request (LiftLog) pays for PBKDF2 once per warm
 * environment and TTL, not per request. Bounded (least recently used entries
 * go first); failures are never cached. Entries are keyed by an HMAC, under a
 * per-environment random key, of (id, stored hash, password): no password is
 * kept, and changing the stored hash invalidates its entries.
 */
export class PasswordVerificationCache {
  private readonly entries = new Map<string, number>();
  private readonly secret = randomBytes(32);
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly check: (password: string, stored: string) => Promise<boolean>;

  constructor(
    options: {
      maxEntries?: number;
      ttlSeconds?: number;
      /** The expensive check being cached, e.g. one that also accepts a product's legacy hashes. */
      check?: (password: string, stored: string) => Promise<boolean>;
    } = {},
  ) {
    this.maxEntries = options.maxEntries ?? 1000;
    this.ttlMs = (options.ttlSeconds ?? 300) * 1000;
    this.check = options.check ?? verifyPassword;
  }

  /** Like the check, answered from memory for a recent success. */
  async verify(id: string, password: string, stored: string, now: number = Date.now()): Promise<boolean> {
    const entry = createHmac('sha256', this.secret)
      .update(JSON.stringify([id, stored, password]))
      .digest('base64');
    const expires = this.entries.get(entry);
    if (expires !== undefined) {
      this.entries.delete(entry);
      if (expires > now) {
        this.entries.set(entry, expires);
        return true;
      }
    }
    if (!(await this.check(password, stored))) return false;
    this.entries.set(entry, now + this.ttlMs);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.entries.size;
  }
}
