/**
 * twilio-gather: the caller answered a menu (`Digits`, or `SpeechResult`), or
 * said nothing (Twilio followed the menu's `<Redirect>`). The menu and the
 * attempt come from the query string of the action URL this service's TwiML
 * set (signed with the rest of the URL); the organization comes from the call.
 * A key leads to `<Enqueue>`, the call's conference, a submenu, voicemail or a
 * hang-up; a key not offered plays the menu again, up to its `max_retries`.
 * The call moves to Twilio's `CallStatus` (in-progress) if it was behind.
 */
import { logger } from '#shared/observability/logger';
import { statusFromTwilio } from '../calls/call-status.ts';
import { advanceCall, type CallRef, findCallRef, recordIvrChoice } from '../calls/calls.ts';
import { findMenu, mainMenuOf } from '../ivr/ivr.ts';
import { decide } from '../ivr/navigate.ts';
import type { IvrAction, IvrMenu } from '../ivr/schemas.ts';
import { conference, enqueue, type IvrLinks, menuPrompt, messages, sayAndHangUp, voicemail } from '../ivr/twiml.ts';
import { countIn } from '../queues/queue-sizes.ts';
import { ivrLinks } from './links.ts';
import { twilioWebhook } from './twilio-webhook.ts';

const MAX_ATTEMPT = 20;

export const handler = twilioWebhook('twilio-gather', async ({ param, query, config }) => {
  const callSid = param('CallSid');
  const ref = callSid ? await findCallRef(callSid) : undefined;
  if (!ref) {
    logger.warn('menu answer for an unknown call');
    return { twiml: sayAndHangUp(messages.goodbye) };
  }
  if (query.step === 'voicemail-done') return { twiml: sayAndHangUp(messages.voicemailDone) };
  const links = ivrLinks(config);
  // A caller answering a menu is on an answered call: Twilio reports an inbound call's progress to no status callback before it ends.
  const status = statusFromTwilio(param('CallStatus'));
  const [found] = await Promise.all([query.menu ? findMenu(ref.organizationId, query.menu) : undefined, status ? advanceCall(ref, status) : undefined]);
  const menu = found || undefined;
  if (!menu) {
    // The menu was deleted while the caller listened: start again from the main menu, if any.
    const main = await mainMenuOf(ref.organizationId);
    logger.info('menu answer for a menu no longer there', { callId: ref.callId, mainMenu: Boolean(main) });
    return { twiml: main ? menuPrompt(main, links, 1, 'unavailable') : sayAndHangUp(messages.goodbye) };
  }
  const attempt = Math.min(Math.max(Number.parseInt(query.attempt ?? '1', 10) || 1, 1), MAX_ATTEMPT);
  const decision = decide(menu, { digits: param('Digits'), speech: param('SpeechResult') }, attempt);
  if (decision.kind === 'prompt') {
    logger.info('menu prompted again', { callId: ref.callId, menuId: menu.id, attempt: decision.attempt, reason: decision.notice });
    return { twiml: menuPrompt(menu, links, decision.attempt, decision.notice === 'invalid' ? 'invalid' : undefined) };
  }
  const [action, target, digit] =
    decision.kind === 'option' ? [decision.option.action, decision.option.target, decision.option.digit] : [decision.action, decision.target, null];
  await recordIvrChoice(ref, { menu_id: menu.id, digit, action, target });
  logger.info('menu option taken', { callId: ref.callId, menuId: menu.id, action, fallback: decision.kind === 'fallback' });
  return { twiml: await act(ref, menu, links, action, target, attempt) };
});

async function act(ref: CallRef, menu: IvrMenu, links: IvrLinks, action: IvrAction, target: string | null, attempt: number): Promise<string> {
  switch (action) {
    case 'queue':
      await countIn(ref.organizationId, ref.callId, target);
      return enqueue(ref.organizationId, target, links);
    case 'transfer':
      return conference(ref.callId);
    case 'voicemail':
      return voicemail(links);
    case 'hangup':
      return sayAndHangUp(messages.goodbye);
    case 'menu': {
      const submenu = target ? await findMenu(ref.organizationId, target) : undefined;
      return submenu ? menuPrompt(submenu, links, 1) : menuPrompt(menu, links, attempt, 'unavailable');
    }
  }
}
