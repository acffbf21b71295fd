/** PUT /api/v1/departments/{department_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { departmentView, updateDepartment } from './departments.ts';
import { updateDepartmentRoute } from './departments.route.ts';

export const handler = httpRoute(updateDepartmentRoute, tenantUser, async ({ params, body, caller }) => {
  requireAdmin(caller);
  return json(departmentView(await updateDepartment(caller.organizationId, params.department_id, body)));
});
