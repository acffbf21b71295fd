import { describe, expect, it } from 'vitest';
import { bearerToken, requireBearerToken } from '../../../shared/auth/bearer.ts';
import { AppError } from '../../../shared/errors.ts';

describe('bearerToken', () => {
  it('reads `Authorization: Bearer <token>`, the scheme in any case', () => {
    expect(bearerToken({ headers: { authorization: 'Bearer abc.def.ghi' } })).toBe('abc.def.ghi');
    expect(bearerToken({ headers: { authorization: 'bearer   abc' } })).toBe('abc');
  });

  it('finds the header whatever its spelling (WebSocket events keep the client casing)', () => {
    expect(bearerToken({ headers: { Authorization: 'Bearer abc' } })).toBe('abc');
  });

  it('ignores other schemes and malformed values', () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'Bearerabc', '']) {
      expect(bearerToken({ headers: { authorization } })).toBeUndefined();
    }
  });

  it('falls back to the named query parameter only when there is no Authorization header', () => {
    const query = { queryStringParameters: { token: 'from-query' } };
    expect(bearerToken(query, { queryParameter: 'token' })).toBe('from-query');
    expect(bearerToken(query)).toBeUndefined();
    expect(bearerToken({ ...query, headers: { authorization: 'Bearer from-header' } }, { queryParameter: 'token' })).toBe('from-header');
  });
});

describe('requireBearerToken', () => {
  it('fails with unauthenticated and the given code when no token is present', () => {
    const error = (() => {
      try {
        requireBearerToken({ headers: {} }, { code: 'not_authenticated' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: 'unauthenticated', code: 'not_authenticated' });
  });

  it('returns the token when present', () => {
    expect(requireBearerToken({ headers: { authorization: 'Bearer t' } })).toBe('t');
  });
});
