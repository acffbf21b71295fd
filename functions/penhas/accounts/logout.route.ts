import { failure, noContent } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';

export const logoutRoute = penhasRoute({
  method: 'POST',
  path: '/logout',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/logout.ts',
  summary: 'Ends the session the token names; the token then answers 403 jwt_logout',
  request: {},
  responses: {
    204: noContent('Session ended'),
    400: failure('expired_jwt: the token does not decode'),
    401: failure('missing_jwt: no token'),
    403: failure('jwt_logout: the session has already ended'),
    429: failure('too_many_requests: more than 120 requests a minute'),
  },
});
