/**
 * twilio-voice: Twilio asks how to answer a call. An inbound call to one of an
 * organization's numbers (found from `To` through the number's sentinel) gets a
 * call record (direction INBOUND; a retried request finds the same one) and the
 * organization's main IVR menu, or, without one, its default queue. A number of
 * no organization hears a polite message and the call ends. An outbound call
 * this service placed joins its own conference when answered.
 */
import { logger } from '#shared/observability/logger';
import { statusFromTwilio } from '../calls/call-status.ts';
import { createInboundCall, findCallRef } from '../calls/calls.ts';
import { mainMenuOf } from '../ivr/ivr.ts';
import { conference, enqueue, menuPrompt, messages, sayAndHangUp } from '../ivr/twiml.ts';
import { countIn } from '../queues/queue-sizes.ts';
import { organizationOfNumber } from '../settings/settings.ts';
import { ivrLinks } from './links.ts';
import { twilioWebhook } from './twilio-webhook.ts';

export const handler = twilioWebhook('twilio-voice', async ({ param, config }) => {
  const callSid = param('CallSid');
  const to = param('To');
  if (!callSid || !to) {
    logger.warn('answer request without CallSid or To');
    return { twiml: sayAndHangUp(messages.unknownNumber) };
  }
  if (param('Direction')?.startsWith('outbound')) {
    const ref = await findCallRef(callSid);
    logger.info('outbound call answered', { known: Boolean(ref) });
    return { twiml: ref ? conference(ref.callId) : sayAndHangUp(messages.goodbye) };
  }
  const organizationId = await organizationOfNumber(to);
  if (!organizationId) {
    logger.info('inbound call to a number of no organization');
    return { twiml: sayAndHangUp(messages.unknownNumber) };
  }
  const [{ call, created }, menu] = await Promise.all([
    createInboundCall({ organizationId, callSid, from: param('From') ?? '', to, status: statusFromTwilio(param('CallStatus')) ?? 'RINGING' }),
    mainMenuOf(organizationId),
  ]);
  logger.info('inbound call answered', { organizationId, callId: call.id, created, menuId: menu?.id ?? null });
  if (!menu) {
    await countIn(organizationId, call.id, null);
    return { twiml: enqueue(organizationId, null, ivrLinks(config)) };
  }
  return { twiml: menuPrompt(menu, ivrLinks(config), 1) };
});
