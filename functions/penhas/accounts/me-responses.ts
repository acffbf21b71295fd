/**
 * The failures every route behind the session token may answer, besides its
 * own: the token's (400 `expired_jwt`, 401 `missing_jwt`, 403 `jwt_logout`),
 * the per-user limit (429), and for `/me…` routes an account that is not
 * active (404).
 */
import { failure } from '#shared/http/contract';
import type { ResponseContract } from '#shared/manifest';

export const sessionFailures: Record<number, ResponseContract> = {
  400: failure('Invalid parameters (form_error), or an undecodable session token (expired_jwt)'),
  401: failure('No session token (missing_jwt)'),
  403: failure('Session ended (jwt_logout)'),
  429: failure('Too many requests'),
};

export const activeAccountFailures: Record<number, ResponseContract> = {
  ...sessionFailures,
  404: failure('The account is not active (Page not found)'),
};
