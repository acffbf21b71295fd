/** /api/telephony: hold, mute and transfer a live call through the Conference Participants API (telephony.ts). */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';

const callId: ObjectId[] = [{ object: 'call', from: 'path', field: 'call_id', owner: 'tenant' }];
const act = { secrets: ['auth' as const, 'twilio' as const] };
const done = z.object({ success: z.boolean(), message: z.string() });

const controlRoute = (action: 'hold' | 'unhold' | 'mute' | 'unmute', summary: string, needs: string) =>
  kralikiRoute({
    method: 'POST',
    path: `/api/telephony/${action}/{call_id}`,
    auth: 'jwt',
    handler: `functions/kraliki/telephony/${action}.ts`,
    access: act,
    summary: `${summary} (the call’s agent, or a SUPERVISOR or ADMIN)`,
    request: { params: z.object({ call_id: id }) },
    responses: {
      200: ok('Done', done),
      ...signedIn(),
      404: notFoundInOrg('call'),
      409: failure(`call_not_active: not IN_PROGRESS or ON_HOLD; ${needs}; twilio_refused`),
    },
    objectIds: callId,
  });

export const holdRoute = controlRoute('hold', 'Holds the customer’s leg (`Hold=true`); the call is ON_HOLD', 'call_not_placed');
export const unholdRoute = controlRoute('unhold', 'Resumes the customer’s leg (`Hold=false`); the call is IN_PROGRESS', 'call_not_placed');
export const muteRoute = controlRoute('mute', 'Mutes the agent’s leg (`Muted=true`)', 'agent_not_connected');
export const unmuteRoute = controlRoute('unmute', 'Unmutes the agent’s leg (`Muted=false`)', 'agent_not_connected');

export const transferRoute = kralikiRoute({
  method: 'POST',
  path: '/api/telephony/transfer',
  auth: 'jwt',
  handler: 'functions/kraliki/telephony/transfer.ts',
  access: act,
  summary: 'Adds the number `to` to the call’s conference; a blind transfer then removes the agent’s leg (SUPERVISOR or ADMIN)',
  request: {
    body: z.object({ call_id: id, to: z.string().check(z.minLength(3), z.maxLength(32)), blind: z._default(z.boolean(), false) }),
  },
  responses: {
    200: ok('Transferred', z.object({ success: z.boolean(), message: z.string(), transferType: z.enum(['blind', 'attended']) })),
    ...signedIn('SUPERVISOR or ADMIN'),
    404: notFoundInOrg('call'),
    409: failure('call_not_active, twilio_refused'),
    422: failure('Validation error: `to` not E.164'),
  },
  objectIds: [{ object: 'call', from: 'body', field: 'call_id', owner: 'tenant' }],
});
