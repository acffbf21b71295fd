/**
 * Rotating refresh tokens for the tenant services (PyTake, Kraliki). A refresh
 * token is opaque, `<id>.<secret>` (random, base64url); the table keeps only a
 * SHA-256 of the secret, the session it belongs to and when it expires.
 *
 * - Refreshing uses the token up: one transaction marks it used (condition: not
 *   used, not expired, secret matches) and writes its successor, and checks the
 *   session was not revoked. Two concurrent refreshes with one token: exactly
 *   one wins; the other is refused.
 * - Presenting a used token again is a replay (stolen token, or a client that
 *   lost an answer): the whole session is revoked, so the thief and the victim
 *   both have to log in again (OAuth 2.0 Security BCP §4.14, refresh token rotation).
 * - Logout revokes the session: every token of it is refused from then on.
 * - Access tokens may name their session (`open` and `rotate` answer its id),
 *   so a service can refuse them too once it is revoked: `revokedKey(sessionId)`
 *   is the item whose presence says so, read with the request's other items.
 *
 * Any failure is AppError('unauthenticated', `invalid_refresh_token`); the
 * service's error format decides the wire shape.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError, unauthenticated } from '../errors.ts';
import { key, type Key } from '../db/keys.ts';
import * as table from '../db/table.ts';
import { transact } from '../db/transactions.ts';
import { expiresAt } from '../db/ttl.ts';

/** What the token stands for: the service's own claims (user, tenant, role). */
export type RefreshSubject = Record<string, string | number | boolean>;

export interface RefreshTokenOptions {
  /** How long a token (each one of a rotation) may be used. */
  lifetimeSeconds: number;
  /** Key prefix within the service table; default `REFRESH`. */
  prefix?: string;
}

interface TokenItem {
  sessionId: string;
  secretHash: string;
  subject: RefreshSubject;
  expiresAt: number;
  usedAt?: number;
}

const invalid = () => unauthenticated('invalid_refresh_token', 'invalid or expired refresh token');
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const random = (bytes: number) => randomBytes(bytes).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

export function refreshTokens(options: RefreshTokenOptions) {
  const prefix = options.prefix ?? 'REFRESH';
  const tokenKey = (id: string): Key => ({ pk: key(prefix, id), sk: 'TOKEN' });
  const sessionKey = (sessionId: string): Key => ({ pk: key(prefix, 'SESSION', sessionId), sk: 'REVOKED' });

  function newToken(sessionId: string, subject: RefreshSubject): { token: string; item: Record<string, unknown> } {
    const id = random(16);
    const secret = random(32);
    const fields: TokenItem = { sessionId, secretHash: hashOf(secret), subject, expiresAt: expiresAt(options.lifetimeSeconds) };
    const item = { ...tokenKey(id), ...fields };
    return { token: `${id}.${secret}`, item };
  }

  function parse(token: string): { id: string; secret: string } {
    const match = /^([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{32,128})$/.exec(token);
    if (!match) throw invalid();
    return { id: match[1], secret: match[2] };
  }

  async function read(token: string): Promise<{ id: string; item: TokenItem }> {
    const { id, secret } = parse(token);
    const item = await table.get<TokenItem>(tokenKey(id), { consistent: true });
    if (!item) throw invalid();
    const expected = Buffer.from(item.secretHash, 'hex');
    const presented = Buffer.from(hashOf(secret), 'hex');
    if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) throw invalid();
    return { id, item };
  }

  async function revokeSession(sessionId: string): Promise<void> {
    // The marker outlives every token of the session: none can be used once it is gone.
    await table.put({ ...sessionKey(sessionId), expiresAt: expiresAt(options.lifetimeSeconds) });
  }

  /** A new session's first token, and the session's id. */
  async function open(subject: RefreshSubject): Promise<{ token: string; sessionId: string }> {
    const sessionId = random(16);
    const { token, item } = newToken(sessionId, subject);
    await table.put(item);
    return { token, sessionId };
  }

  return {
    /** A new session's first token (at login). */
    async issue(subject: RefreshSubject): Promise<string> {
      return (await open(subject)).token;
    },

    open,

    /** The item that exists once the session is revoked (logout, or a replayed token). */
    revokedKey: sessionKey,

    /** Uses the token up and answers its successor with the subject; a replayed token revokes its session. */
    async rotate(
      token: string,
      subjectNow?: (subject: RefreshSubject) => Promise<RefreshSubject>,
    ): Promise<{ token: string; subject: RefreshSubject; sessionId: string }> {
      const { id, item } = await read(token);
      if (item.usedAt !== undefined) {
        await revokeSession(item.sessionId);
        throw invalid();
      }
      if (item.expiresAt <= nowSeconds()) throw invalid();
      // The service may refresh what the token stands for (a changed role, a deactivated user → throws).
      const subject = subjectNow ? await subjectNow(item.subject) : item.subject;
      const next = newToken(item.sessionId, subject);
      try {
        await transact([
          {
            Update: {
              Key: tokenKey(id),
              UpdateExpression: 'SET usedAt = :now',
              ConditionExpression: 'attribute_not_exists(usedAt) AND expiresAt > :now',
              ExpressionAttributeValues: { ':now': nowSeconds() },
            },
          },
          { ConditionCheck: { Key: sessionKey(item.sessionId), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { Item: next.item } },
        ]);
      } catch (error) {
        // Lost a race with another refresh of the same token, or the session was revoked meanwhile.
        if (error instanceof AppError && error.kind === 'conflict') throw invalid();
        throw error;
      }
      return { token: next.token, subject, sessionId: item.sessionId };
    },

    /** The subject of a live, unused token, without using it up. */
    async inspect(token: string): Promise<RefreshSubject> {
      const { item } = await read(token);
      if (item.usedAt !== undefined || item.expiresAt <= nowSeconds()) throw invalid();
      if (await table.get(sessionKey(item.sessionId), { consistent: true })) throw invalid();
      return item.subject;
    },

    /** Logout: the token's whole session is refused from now on. */
    async revoke(token: string): Promise<void> {
      const { item } = await read(token);
      await revokeSession(item.sessionId);
    },
  };
}

export type RefreshTokens = ReturnType<typeof refreshTokens>;
