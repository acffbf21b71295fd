/** POST /reset-password/write-new. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { writeNewPassword } from './password-resets.ts';
import { writeNewPasswordRoute } from './reset-password.route.ts';

export const handler = httpRoute(writeNewPasswordRoute, async ({ body, event }) => json(await writeNewPassword(body, event.requestContext.http.sourceIp)));
