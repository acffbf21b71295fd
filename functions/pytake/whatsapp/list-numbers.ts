/** GET /api/v1/whatsapp. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { listNumbers, numberView } from './numbers.ts';
import { listNumbersRoute } from './numbers.route.ts';

export const handler = httpRoute(listNumbersRoute, tenantUser, async ({ caller }) => json((await listNumbers(caller.organizationId)).map(numberView)));
