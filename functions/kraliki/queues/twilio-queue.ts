/**
 * twilio-queue: `<Enqueue>`'s action. Twilio requests it when the call leaves
 * its queue (`QueueResult`: `leave`, `hangup`, `redirected`, `queue-full`,
 * `error`, `system-error`; `bridged` once the bridged call is over); the call is
 * counted out of its queue (queue-sizes.ts: once, whatever else counted it out
 * first). What Twilio does next with the call is this answer: it hangs up
 * (nothing plays after a queue in this IVR).
 */
import { logger } from '#shared/observability/logger';
import { findCallRef } from '../calls/calls.ts';
import { messages, sayAndHangUp } from '../ivr/twiml.ts';
import { twilioWebhook } from '../webhooks/twilio-webhook.ts';
import { countOut, LEAVE_REASONS, type LeaveReason } from './queue-sizes.ts';

const isLeaveReason = (value: string | undefined): value is LeaveReason => LEAVE_REASONS.includes(value as LeaveReason);

export const handler = twilioWebhook('twilio-queue', async ({ param }) => {
  const callSid = param('CallSid');
  const result = param('QueueResult');
  const ref = callSid ? await findCallRef(callSid) : undefined;
  if (!ref) {
    logger.info('queue result for an unknown call', { queueResult: result });
    return { twiml: sayAndHangUp(messages.goodbye) };
  }
  await countOut(ref.organizationId, ref.callId, isLeaveReason(result) ? result : 'error');
  return { twiml: sayAndHangUp(messages.goodbye) };
});
