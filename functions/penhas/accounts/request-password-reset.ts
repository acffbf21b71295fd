/** POST /reset-password/request-new. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { requestPasswordReset } from './password-resets.ts';
import { requestResetRoute } from './reset-password.route.ts';

export const handler = httpRoute(requestResetRoute, async ({ body, event }) =>
  json(await requestPasswordReset(body.email, body.app_version, event.requestContext.http.sourceIp)),
);
