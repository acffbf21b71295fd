/**
 * Kraliki's HTTP conventions, shared by every route declaration: failures in
 * FastAPI's format (`{detail}`, and 422 `detail` lists for validation), where
 * each kind of credential travels, and the failures every authenticated route
 * may answer. Declarations only: the authenticators live in auth/authenticators.ts.
 */
import { failure } from '#shared/http/contract';
import { fastapiErrors } from '#shared/http/formats/fastapi';
import { routeDeclarations } from '#shared/http/contract';
import type { AuthKind, AuthScheme, ResponseContract } from '#shared/manifest';
import type { KralikiResources } from './resources.ts';

export const kralikiRoute = routeDeclarations<KralikiResources>({ errors: fastapiErrors });

export const authSchemes: Partial<Record<AuthKind, AuthScheme>> = {
  jwt: {
    description:
      "A user's access token from /api/auth/login, /register or /refresh: `Authorization: Bearer <JWT>` (HS256, 15 minutes). The organization comes from the verified token, never from the request.",
    httpScheme: 'bearer',
    bearerFormat: 'JWT',
  },
};

/**
 * What any `jwt` route may refuse before it runs: no valid access token (401), a deactivated
 * account (403 `account_inactive`). `roles` adds the role rule it enforces to the 403's description.
 */
export function signedIn(roles?: 'ADMIN' | 'SUPERVISOR or ADMIN'): Record<number, ResponseContract> {
  return {
    401: failure('Not authenticated: no access token, or an expired or invalid one'),
    403: failure(
      roles ? `account_inactive, or the caller is not ${roles} (admin_required / supervisor_required)` : 'account_inactive: the account was deactivated',
    ),
  };
}

/** A route naming an object by id: another organization's id is not found, exactly like an unknown one. */
export const notFoundInOrg = (what: string): ResponseContract => failure(`No ${what} with this id in the caller's organization`);
