/** POST /api/v1/whatsapp. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { introduceNumber } from './graph-api.ts';
import { createNumber, numberView } from './numbers.ts';
import { createNumberRoute } from './numbers.route.ts';

export const handler = httpRoute(createNumberRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  const record = await createNumber(caller.organizationId, body);
  await introduceNumber({ ...record, accessToken: body.access_token, appSecret: body.app_secret });
  return json(numberView(record), 201);
});
