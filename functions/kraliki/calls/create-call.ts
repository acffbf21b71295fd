/** POST /api/calls. */
import { headerOf } from '#shared/auth/authenticator';
import { invalid } from '#shared/errors';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { createCallRoute } from './calls.route.ts';
import { placeOutboundCall } from './outbound.ts';

export const handler = httpRoute(createCallRoute, member, async ({ body, headers, caller }) => {
  const key = headerOf(headers, 'idempotency-key')?.trim();
  if (key !== undefined && (key.length === 0 || key.length > 200))
    throw invalid([{ field: 'Idempotency-Key', reason: 'invalid', message: 'Idempotency-Key: 1 to 200 characters' }]);
  const { call, created } = await placeOutboundCall(caller, body, key);
  return json(call, created ? 201 : 200);
});
