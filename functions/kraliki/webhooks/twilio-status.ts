/**
 * twilio-status: a call's status callback. The call moves forward only
 * (calls/call-status.ts): a replayed or late callback changes nothing and a
 * finished call stays finished. A CallSid this service does not know is
 * answered 200 (Twilio would only retry) and logged. The change a callback
 * makes may set off work (dialing the assigned agent in when the call is in
 * progress, releasing her when it ends): it is enqueued (calls/call-jobs.ts),
 * never done here. A repeated callback enqueues it again only while no consumer
 * has claimed it (a retry after a failed enqueue); the consumer's claim on the
 * call lets one job act, so the agent is dialled once. A change is announced
 * live (`call:status`, enqueued too).
 */
import { logger } from '#shared/observability/logger';
import { afterRepeatedStatus, afterStatusChange } from '../calls/call-jobs.ts';
import { isFinal, statusFromTwilio } from '../calls/call-status.ts';
import { advanceCall, findCallRef, getCall } from '../calls/calls.ts';
import { callStatusEvent, publishLiveEvent } from '../live/live.ts';
import { countOut } from '../queues/queue-sizes.ts';
import { twilioWebhook } from './twilio-webhook.ts';

export const handler = twilioWebhook('twilio-status', async ({ param }) => {
  const callSid = param('CallSid');
  const callStatus = param('CallStatus');
  const ref = callSid ? await findCallRef(callSid) : undefined;
  if (!ref) {
    logger.info('status callback for an unknown call', { callStatus });
    return undefined;
  }
  const status = statusFromTwilio(callStatus);
  if (!status) {
    logger.info('status callback with a status of no meaning here', { callId: ref.callId, callStatus });
    return undefined;
  }
  const duration = Number.parseInt(param('CallDuration') ?? '', 10);
  const changed = await advanceCall(ref, status, Number.isFinite(duration) && duration >= 0 ? { durationSeconds: duration } : {});
  logger.info(changed ? 'call status changed' : 'call status kept (replayed, late or finished)', { callId: ref.callId, status, stored: changed?.status });
  // A call that ends while waiting in a queue leaves it (once, whichever of this and `<Enqueue>`'s action comes first).
  if (isFinal(status)) await countOut(ref.organizationId, ref.callId, 'call-ended');
  if (changed) {
    await afterStatusChange(changed);
    await publishLiveEvent(ref.organizationId, callStatusEvent(changed));
  } else if (status === 'IN_PROGRESS' || isFinal(status)) await afterRepeatedStatus(await getCall(ref));
  return undefined;
});
