/** DELETE /api/calls/{call_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { deleteCallRoute } from './calls.route.ts';
import { deleteCall } from './manage.ts';

export const handler = httpRoute(deleteCallRoute, supervisor, async ({ params, caller }) => {
  await deleteCall(caller, params.call_id);
  return json({ success: true, message: 'Call deleted' });
});
