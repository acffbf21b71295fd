/** GET /api/v1/whatsapp/{number_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getNumber, numberView } from './numbers.ts';
import { getNumberRoute } from './numbers.route.ts';

export const handler = httpRoute(getNumberRoute, tenantUser, async ({ params, caller }) =>
  json(numberView(await getNumber(caller.organizationId, params.number_id))),
);
