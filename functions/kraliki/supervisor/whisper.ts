/** POST /api/supervisor/calls/{call_id}/whisper. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { whisper } from './supervisor.ts';
import { whisperRoute } from './supervisor.route.ts';

export const handler = httpRoute(whisperRoute, supervisor, async ({ params, body, caller }) => json(await whisper(caller, params.call_id, body?.phone_number)));
