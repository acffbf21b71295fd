/**
 * The IVR's TwiML, built with the twilio SDK's VoiceResponse (only that module
 * is imported). Pure: every URL it names comes in `links`, so each answer can
 * be checked as text.
 *
 * A menu is `<Gather numDigits="1" action="<twilio-gather>?menu=<id>&attempt=<n>">
 * <Say>greeting</Say></Gather>` followed by a `<Redirect>` to the same URL, which
 * Twilio follows when the caller pressed nothing: the gather webhook then sees
 * no `Digits` and counts a silent attempt.
 */
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { conferenceNameOf, queueNameOf } from '../calls/names.ts';
import type { IvrMenu } from './schemas.ts';

export interface IvrLinks {
  /** The twilio-gather webhook with this query. */
  gather(query: Record<string, string>): string;
  /** The twilio-recording webhook. */
  recording: string;
  /** The twilio-transcription webhook. */
  transcription: string;
  /** The twilio-queue webhook: `<Enqueue>`'s action, requested when the call leaves its queue. */
  queueResult: string;
}

const VOICEMAIL_SECONDS = 120;

export const messages = {
  unknownNumber: 'Thank you for calling. This number is not in service. Goodbye.',
  invalid: 'Sorry, that is not a valid option.',
  unavailable: 'Sorry, that option is not available right now.',
  hold: 'Please hold while we connect you.',
  voicemail: 'Please leave a message after the tone. Press the pound key when you are done.',
  voicemailDone: 'Thank you for your message. Goodbye.',
  goodbye: 'Thank you for calling. Goodbye.',
  noMenu: 'Thank you for calling. Please hold for the next available agent.',
} as const;

/** The menu's prompt; `notice` says why it is played again. */
export function menuPrompt(menu: IvrMenu, links: IvrLinks, attempt: number, notice?: 'invalid' | 'unavailable'): string {
  const response = new VoiceResponse();
  if (notice) response.say(messages[notice]);
  const action = links.gather({ menu: menu.id, attempt: String(attempt) });
  const gather = response.gather({ numDigits: 1, action, method: 'POST', timeout: menu.timeout });
  gather.say(menu.greeting);
  response.redirect({ method: 'POST' }, action);
  return response.toString();
}

/** Waits in the organization's queue `target` for an agent; Twilio tells the queue-result webhook when the call leaves it. */
export function enqueue(organizationId: string, target: string | null, links: IvrLinks): string {
  const response = new VoiceResponse();
  response.say(messages.hold);
  response.enqueue({ action: links.queueResult, method: 'POST' }, queueNameOf(organizationId, target));
  return response.toString();
}

/** Joins the call's own conference, where the agent and a supervisor join it; it ends when the caller leaves. */
export function conference(callId: string): string {
  const response = new VoiceResponse();
  response.say(messages.hold);
  response.dial().conference({ startConferenceOnEnter: true, endConferenceOnExit: true, beep: 'false' }, conferenceNameOf(callId));
  return response.toString();
}

/** Records a message; Twilio posts the recording and its transcription to their webhooks. */
export function voicemail(links: IvrLinks): string {
  const response = new VoiceResponse();
  response.say(messages.voicemail);
  response.record({
    action: links.gather({ step: 'voicemail-done' }),
    method: 'POST',
    maxLength: VOICEMAIL_SECONDS,
    finishOnKey: '#',
    playBeep: true,
    recordingStatusCallback: links.recording,
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
    transcribe: true,
    transcribeCallback: links.transcription,
  });
  response.say(messages.voicemailDone);
  response.hangup();
  return response.toString();
}

/** Says `message` and hangs up. */
export function sayAndHangUp(message: string): string {
  const response = new VoiceResponse();
  response.say(message);
  response.hangup();
  return response.toString();
}
