/** DELETE /api/v1/departments/{department_id}. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { deleteDepartment } from './departments.ts';
import { deleteDepartmentRoute } from './departments.route.ts';

export const handler = httpRoute(deleteDepartmentRoute, tenantUser, async ({ params, caller }) => {
  requireAdmin(caller);
  await deleteDepartment(caller.organizationId, params.department_id);
  return empty(204);
});
