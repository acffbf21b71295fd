/** POST /admin/users/{cliente_id}/audios/{event_id}/free-access. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { freeAudioAccess } from './audio-access.ts';
import { freeAudioAccessRoute } from './audios.route.ts';

export const handler = httpRoute(freeAudioAccessRoute, admin, async ({ params, caller }) =>
  json(await freeAudioAccess(caller, Number(params.cliente_id), params.event_id)),
);
