/** GET /api/v1/auth/verify-token: valid, and whose. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from './access.ts';
import { verifyTokenRoute } from './me.route.ts';

export const handler = httpRoute(verifyTokenRoute, tenantUser, async ({ caller }) =>
  json({ valid: true, user_id: caller.userId, organization_id: caller.organizationId, role: caller.role }),
);
