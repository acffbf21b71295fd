/**
 * PyTake's HTTP conventions, shared by every route declaration: failures in
 * FastAPI's format (422 `detail` lists for validation), and where each kind of
 * credential travels. Declarations only: no authenticator here.
 */
import { fastapiErrors } from '#shared/http/formats/fastapi';
import { routeDeclarations } from '#shared/http/contract';
import type { AuthKind, AuthScheme } from '#shared/manifest';

export const pytakeRoute = routeDeclarations({ errors: fastapiErrors });

export const authSchemes: Partial<Record<AuthKind, AuthScheme>> = {
  jwt: {
    description: "A tenant user's access token: `Authorization: Bearer <JWT>`; the tenant comes from the verified token, never from the request.",
    httpScheme: 'bearer',
    bearerFormat: 'JWT',
  },
};
