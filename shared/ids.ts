/**
 * CUID2 ids (@paralleldrive/cuid2) seeded from node:crypto. The library's
 * defaults draw on Math.random and compute a host fingerprint at set-up by
 * SHA3-hashing every global name and converting the 512-bit digest to base 36
 * with bignumber.js: a cost every cold start paid before serving anything. A
 * fingerprint of random bytes from the CSPRNG serves the same purpose (telling
 * hosts apart) at no cost, and the CSPRNG makes the salt unpredictable too.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { init } from '@paralleldrive/cuid2';

/** A float in [0, 1) from 48 random bits (randomInt takes ranges below 2^48). */
const csprng = () => randomInt(0, 2 ** 48 - 1) / 2 ** 48;
/** As long as the library's own fingerprint (its `bigLength`), in its alphabet. */
const fingerprint = () =>
  BigInt(`0x${randomBytes(21).toString('hex')}`)
    .toString(36)
    .padStart(32, '0')
    .slice(0, 32);

/** A generator of `length`-character CUID2 ids. */
export function cuid2(length: number): () => string {
  return init({ length, random: csprng, fingerprint: fingerprint() });
}
