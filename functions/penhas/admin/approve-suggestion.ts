/** POST /admin/point-suggestions/{cliente_id}/{id}/approve: the suggestion becomes a support point. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { approveSuggestion } from './point-writes.ts';
import { approveSuggestionRoute } from './points.route.ts';

export const handler = httpRoute(approveSuggestionRoute, admin, async ({ params, body, caller }) =>
  json(await approveSuggestion(caller, Number(params.cliente_id), Number(params.id), body ?? {})),
);
