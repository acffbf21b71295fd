/** GET /admin/audit: the admin actions, newest first. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rowsOf } from './admin-params.ts';
import { listAuditRoute } from './admin.route.ts';
import { listAudit } from './audit.ts';

export const handler = httpRoute(listAuditRoute, admin, async ({ query }) =>
  json(await listAudit({ rows: rowsOf(query.rows), next_page: query.next_page || undefined })),
);
