import { failure, ok } from '#shared/http/contract';
import { liftlogRoute } from '../../contract.ts';
import { secrets } from '../../resources.ts';
import { sessionRequest, sessionResponse } from './schemas.ts';

export const postSessionRoute = liftlogRoute({
  method: 'POST',
  path: '/ai/session',
  auth: 'pro-token',
  handler: 'functions/liftlog/coach/rest/post-session.ts',
  timeoutSeconds: 29,
  access: { secrets: [secrets.coach] },
  summary: 'Generates one workout session for the areas the user wants to train, in the older plan format',
  request: { body: sessionRequest },
  responses: {
    200: ok('The session', sessionResponse),
    401: failure('No valid pro token'),
    429: failure('Over the AI request limit; Retry-After says when to try again'),
  },
});
