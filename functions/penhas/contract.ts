/**
 * PenhaS's HTTP conventions, shared by every route declaration: failures in
 * its error format (`form_error` for validation), and where each kind of
 * credential travels. Declarations only: no authenticator here.
 */
import { penhasErrors } from '#shared/http/formats/penhas';
import { routeDeclarations } from '#shared/http/contract';
import type { AuthKind, AuthScheme } from '#shared/manifest';

export const penhasRoute = routeDeclarations({ errors: penhasErrors });

export const authSchemes: Partial<Record<AuthKind, AuthScheme>> = {
  'api-key': {
    description: 'The session token issued at login, in `X-Api-Key` (or the `api_key` query parameter).',
    header: 'X-Api-Key',
    query: 'api_key',
  },
  // Admin routes (`/admin/...`): a token of another key and kind, so neither credential opens the other's routes.
  jwt: {
    description: 'An admin token from `POST /admin/login`: `Authorization: Bearer <JWT>` (HS384, `typ: "adm"`, 12 hours).',
    httpScheme: 'bearer',
    bearerFormat: 'JWT',
  },
};
