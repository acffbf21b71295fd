/** PUT /admin/points/{id}: a support point written by an admin. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { putPoint } from './point-writes.ts';
import { putPointRoute } from './points.route.ts';

export const handler = httpRoute(putPointRoute, admin, async ({ params, body, caller }) => {
  const { created } = await putPoint(caller, Number(params.id), body);
  return json({ id: Number(params.id), created: created ? 1 : 0 });
});
