import { beforeAll, describe, expect, it } from 'vitest';
import { caught } from '../caught.ts';
import { useThrowawayTable } from '../throwaway-table.ts';

let tokens: import('../../../shared/auth/refresh-tokens.ts').RefreshTokens;

beforeAll(async () => {
  await useThrowawayTable();
  const { refreshTokens } = await import('../../../shared/auth/refresh-tokens.ts');
  tokens = refreshTokens({ lifetimeSeconds: 3600 });
});

const subject = { sub: 'user-1', organization_id: 'org-1', role: 'agent' };

const refused = async (promise: Promise<unknown>) => expect(await caught(promise)).toMatchObject({ kind: 'unauthenticated', code: 'invalid_refresh_token' });

describe('refresh tokens', () => {
  it('rotate: the successor works, the used token is refused', async () => {
    const first = await tokens.issue(subject);
    const second = await tokens.rotate(first);
    expect(second.subject).toEqual(subject);
    expect(second.token).not.toBe(first);
    await refused(tokens.rotate(first));
  });

  it('a replayed token revokes its whole session, the successor included', async () => {
    const first = await tokens.issue(subject);
    const second = await tokens.rotate(first);
    await refused(tokens.rotate(first));
    await refused(tokens.rotate(second.token));
  });

  it('of two concurrent refreshes with one token exactly one wins', async () => {
    const first = await tokens.issue(subject);
    const outcomes = await Promise.allSettled([tokens.rotate(first), tokens.rotate(first), tokens.rotate(first)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('names the session a token belongs to, and marks it once revoked', async () => {
    const { token, sessionId } = await tokens.open(subject);
    const next = await tokens.rotate(token);
    expect(next.sessionId).toBe(sessionId);
    const { get } = await import('../../../shared/db/table.ts');
    expect(await get(tokens.revokedKey(sessionId))).toBeUndefined();
    await tokens.revoke(next.token);
    expect(await get(tokens.revokedKey(sessionId))).toBeDefined();
  });

  it('revoke (logout) refuses every token of the session', async () => {
    const first = await tokens.issue(subject);
    const second = await tokens.rotate(first);
    await tokens.revoke(second.token);
    await refused(tokens.rotate(second.token));
    await refused(tokens.inspect(second.token));
  });

  it('refuses malformed, unknown and tampered tokens, and expired ones', async () => {
    const token = await tokens.issue(subject);
    await refused(tokens.rotate('not-a-token'));
    await refused(tokens.rotate(`${'a'.repeat(22)}.${'b'.repeat(43)}`));
    await refused(tokens.rotate(`${token.slice(0, -2)}xx`));
    const { refreshTokens } = await import('../../../shared/auth/refresh-tokens.ts');
    const expired = refreshTokens({ lifetimeSeconds: -1 });
    await refused(expired.rotate(await expired.issue(subject)));
  });

  it('lets the service refresh the subject, or refuse it (a deactivated user)', async () => {
    const first = await tokens.issue(subject);
    const next = await tokens.rotate(first, async (s) => ({ ...s, role: 'org_admin' }));
    expect(next.subject.role).toBe('org_admin');
    const { unauthenticated } = await import('../../../shared/errors.ts');
    const error = await caught(tokens.rotate(next.token, async () => Promise.reject(unauthenticated('user_inactive'))));
    expect(error.code).toBe('user_inactive');
    // A refused refresh does not use the token up.
    expect((await tokens.rotate(next.token)).subject.role).toBe('org_admin');
  });
});
