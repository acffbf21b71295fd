import { ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { activeAccountFailures } from './me-responses.ts';
import { meViewSchema } from './me-view.ts';

export const getMeRoute = penhasRoute({
  method: 'GET',
  path: '/me',
  auth: 'api-key',
  handler: 'functions/penhas/accounts/me-get.ts',
  summary: "The caller's profile, her modules (or the quiz she must answer first) and her count of active guardians",
  request: {},
  responses: { 200: ok('The profile and modules', meViewSchema), ...activeAccountFailures },
});
