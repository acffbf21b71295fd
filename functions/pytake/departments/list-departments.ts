/** GET /api/v1/departments. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { departmentView, listDepartments } from './departments.ts';
import { listDepartmentsRoute } from './departments.route.ts';

export const handler = httpRoute(listDepartmentsRoute, tenantUser, async ({ query, caller }) => {
  const departments = (await listDepartments(caller.organizationId)).filter((d) => query.is_active === undefined || d.is_active === query.is_active);
  return json(departments.slice(query.skip, query.skip + query.limit).map(departmentView));
});
