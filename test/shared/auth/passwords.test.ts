import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMETERS, PasswordVerificationCache, constantTimeEqual, hashPassword, needsRehash, verifyPassword } from '../../../shared/auth/passwords.ts';
/** Low iterations keep the suite fast; the format and the checks are the same. */
const FAST = { iterations: 1000 };

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('correct horse', FAST);
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('correct horsE', stored)).toBe(false);
  });

  it('salts every hash, so equal passwords store differently', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('writes the parameters into the stored hash (LiftLog: SHA-512, 64-byte salt and key)', async () => {
    const stored = await hashPassword('pw', { digest: 'sha512', iterations: 2000, saltBytes: 64, keyBytes: 64 });
    const [, scheme, iterations, salt, key] = stored.split('$');
    expect(scheme).toBe('pbkdf2-sha512');
    expect(iterations).toBe('i=2000');
    expect(Buffer.from(salt, 'base64')).toHaveLength(64);
    expect(Buffer.from(key, 'base64')).toHaveLength(64);
    expect(await verifyPassword('pw', stored)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    for (const stored of ['', 'plain', '$pbkdf2-sha256$i=0$AAAA$AAAA', '$pbkdf2-md5$i=10$AAAA$AAAA', '$pbkdf2-sha256$i=10$AAAA$']) {
      expect(await verifyPassword('pw', stored)).toBe(false);
    }
  });

  it('defaults to at least the OWASP floor for PBKDF2-HMAC-SHA256', () => {
    expect(DEFAULT_PARAMETERS).toMatchObject({ digest: 'sha256' });
    expect(DEFAULT_PARAMETERS.iterations).toBeGreaterThanOrEqual(600_000);
  });
});

describe('needsRehash', () => {
  it('asks to rehash hashes made with weaker parameters than wanted', async () => {
    const stored = await hashPassword('pw', FAST);
    expect(needsRehash(stored, FAST)).toBe(false);
    expect(needsRehash(stored, { iterations: 2000 })).toBe(true);
    expect(needsRehash(stored, { ...FAST, digest: 'sha512' })).toBe(true);
    expect(needsRehash('legacy-sha256-hex', FAST)).toBe(true);
  });
});

describe('constantTimeEqual', () => {
  it('compares bytes, unequal lengths included', () => {
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abc'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abd'))).toBe(false);
    expect(constantTimeEqual(Buffer.from('abc'), Buffer.from('abcd'))).toBe(false);
  });
});

describe('PasswordVerificationCache', () => {
  /** The real check, counting how often the expensive part runs. */
  function countingCache(options: { maxEntries?: number; ttlSeconds?: number } = {}) {
    const calls = { count: 0 };
    const cache = new PasswordVerificationCache({
      ...options,
      check: (password, stored) => {
        calls.count++;
        return verifyPassword(password, stored);
      },
    });
    return { cache, calls };
  }
  const stored = hashPassword('pw', FAST);

  it('answers a repeated successful verification from memory', async () => {
    const { cache, calls } = countingCache();
    expect(await cache.verify('user-1', 'pw', await stored)).toBe(true);
    expect(await cache.verify('user-1', 'pw', await stored)).toBe(true);
    expect(calls.count).toBe(1);
  });

  it('never caches a failure', async () => {
    const { cache, calls } = countingCache();
    expect(await cache.verify('user-1', 'wrong', await stored)).toBe(false);
    expect(await cache.verify('user-1', 'wrong', await stored)).toBe(false);
    expect(calls.count).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('does not let a cached success vouch for another password, user or stored hash', async () => {
    const changed = await hashPassword('new-pw', FAST);
    const { cache } = countingCache();
    await cache.verify('user-1', 'pw', await stored);
    expect(await cache.verify('user-1', 'PW', await stored)).toBe(false);
    expect(await cache.verify('user-2', 'pw', changed)).toBe(false);
    expect(await cache.verify('user-1', 'pw', changed)).toBe(false);
  });

  it('checks again once an entry is older than its TTL', async () => {
    const { cache, calls } = countingCache({ ttlSeconds: 60 });
    const t0 = Date.now();
    await cache.verify('user-1', 'pw', await stored, t0);
    await cache.verify('user-1', 'pw', await stored, t0 + 59_000);
    expect(calls.count).toBe(1);
    await cache.verify('user-1', 'pw', await stored, t0 + 61_000);
    expect(calls.count).toBe(2);
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const { cache, calls } = countingCache({ maxEntries: 2 });
    await cache.verify('a', 'pw', await stored);
    await cache.verify('b', 'pw', await stored);
    await cache.verify('a', 'pw', await stored); // a is now the most recently used
    await cache.verify('c', 'pw', await stored); // evicts b
    expect(cache.size).toBe(2);
    expect(calls.count).toBe(3);
    await cache.verify('a', 'pw', await stored);
    expect(calls.count).toBe(3);
    await cache.verify('b', 'pw', await stored);
    expect(calls.count).toBe(4);
  });
});
