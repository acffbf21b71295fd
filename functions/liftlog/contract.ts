/**
 * LiftLog's HTTP conventions, shared by every route declaration: failures in
 * its error format (status codes, problem details for validation), and where
 * each kind of credential travels. Declarations only: no authenticator here.
 */
import { liftlogErrors } from '#shared/http/formats/liftlog';
import { routeDeclarations } from '#shared/http/contract';
import type { AuthKind, AuthScheme } from '#shared/manifest';
import type { LiftlogResources } from './resources.ts';

export const liftlogRoute = routeDeclarations<LiftlogResources>({ errors: liftlogErrors });

export const authSchemes: Partial<Record<AuthKind, AuthScheme>> = {
  password: {
    description: 'The user id (`id` or `userId`) and the password issued by POST /user/create, in the JSON body of every write.',
    bodyFields: ['id', 'userId', 'password'],
  },
  'pro-token': {
    description:
      'A pro purchase: `Authorization: [Bearer ]<Store> <token>`, the store one of Web, RevenueCat, GooglePlay, AppleAppStore ' +
      '(the hub also takes the same value in the `access_token` query parameter).',
    header: 'Authorization',
  },
};

/** Routes that hash or verify a password get 1 GB: Lambda's CPU share grows with memory, and PBKDF2 is CPU. */
export const PASSWORD_MEMORY_MB = 1024;
