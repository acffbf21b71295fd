/** POST /admin/point-suggestions/{cliente_id}/{id}/reject: the suggestion is turned down. */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { rejectSuggestion } from './point-writes.ts';
import { rejectSuggestionRoute } from './points.route.ts';

export const handler = httpRoute(rejectSuggestionRoute, admin, async ({ params, body, caller }) => {
  await rejectSuggestion(caller, Number(params.cliente_id), Number(params.id), body?.motivo || undefined);
  return empty(204);
});
