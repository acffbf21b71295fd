/** GET /api/v1/departments/{department_id}. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { departmentView, getDepartment } from './departments.ts';
import { getDepartmentRoute } from './departments.route.ts';

export const handler = httpRoute(getDepartmentRoute, tenantUser, async ({ params, caller }) =>
  json(departmentView(await getDepartment(caller.organizationId, params.department_id))),
);
