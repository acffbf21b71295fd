/** POST /api/v1/departments. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { requireAdmin, tenantUser } from '../auth/access.ts';
import { createDepartment, departmentView } from './departments.ts';
import { createDepartmentRoute } from './departments.route.ts';

export const handler = httpRoute(createDepartmentRoute, tenantUser, async ({ body, caller }) => {
  requireAdmin(caller);
  return json(departmentView(await createDepartment(caller.organizationId, body)), 201);
});
