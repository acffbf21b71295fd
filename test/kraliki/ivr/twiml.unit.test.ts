/** The IVR's TwiML and its choices, as text. */
import { describe, expect, it } from 'vitest';
import { decide } from '../../../functions/kraliki/ivr/navigate.ts';
import type { IvrMenu } from '../../../functions/kraliki/ivr/schemas.ts';
import { conference, enqueue, menuPrompt, messages, sayAndHangUp, voicemail, type IvrLinks } from '../../../functions/kraliki/ivr/twiml.ts';

const base = 'https://hooks.example.com/kraliki';
const links: IvrLinks = {
  gather: (query) => `${base}/twilio-gather?${new URLSearchParams(query)}`,
  recording: `${base}/twilio-recording`,
  transcription: `${base}/twilio-transcription`,
  queueResult: `${base}/twilio-queue`,
};

const option = (digit: string, action: IvrMenu['options'][number]['action'], target: string | null = null, description = `option ${digit}`) => ({
  id: `o${digit}`,
  digit,
  description,
  action,
  target,
  metadata: null,
});

const menu: IvrMenu = {
  id: 'main',
  name: 'Main',
  greeting: 'Welcome to Acme & Sons. Press 1 for sales, 2 for support.',
  options: [
    option('1', 'queue', 'sales', 'sales'),
    option('2', 'transfer', null, 'support'),
    option('*', 'hangup'),
    option('9', 'voicemail'),
    option('0', 'menu', 'sub'),
  ],
  timeout: 7,
  max_retries: 3,
  no_input_action: 'repeat',
  no_input_target: null,
  invalid_input_action: 'voicemail',
  invalid_input_target: null,
  active: true,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
};

const XML = '<?xml version="1.0" encoding="UTF-8"?>';

describe('menuPrompt', () => {
  it('gathers one key and says the greeting (escaped), then redirects back when nothing was pressed', () => {
    expect(menuPrompt(menu, links, 1)).toBe(
      `${XML}<Response><Gather numDigits="1" action="${base}/twilio-gather?menu=main&amp;attempt=1" method="POST" timeout="7">` +
        '<Say>Welcome to Acme &amp; Sons. Press 1 for sales, 2 for support.</Say></Gather>' +
        `<Redirect method="POST">${base}/twilio-gather?menu=main&amp;attempt=1</Redirect></Response>`,
    );
  });

  it('says why it is played again before re-prompting', () => {
    const again = menuPrompt(menu, links, 2, 'invalid');
    expect(again).toMatch(new RegExp(`^${XML.replace(/[?.]/g, '\\$&')}<Response><Say>${messages.invalid}</Say><Gather `));
    expect(again).toContain('attempt=2');
  });
});

describe('actions', () => {
  it('enqueues into the organization’s named queue', () => {
    expect(enqueue('org-1', 'sales', links)).toBe(
      `${XML}<Response><Say>${messages.hold}</Say><Enqueue action="${base}/twilio-queue" method="POST">org-1.sales</Enqueue></Response>`,
    );
    expect(enqueue('org-1', null, links)).toContain('>org-1.default</Enqueue>');
  });

  it('dials the caller into the call’s own conference', () => {
    expect(conference('c-1')).toBe(
      `${XML}<Response><Say>${messages.hold}</Say><Dial><Conference startConferenceOnEnter="true" endConferenceOnExit="true" beep="false">call-c-1</Conference></Dial></Response>`,
    );
  });

  it('records a voicemail with recording and transcription callbacks', () => {
    const twiml = voicemail(links);
    expect(twiml).toContain(`<Say>${messages.voicemail}</Say><Record `);
    expect(twiml).toContain(`action="${base}/twilio-gather?step=voicemail-done"`);
    expect(twiml).toContain(`recordingStatusCallback="${base}/twilio-recording"`);
    expect(twiml).toContain('recordingStatusCallbackEvent="completed"');
    expect(twiml).toContain(`transcribe="true" transcribeCallback="${base}/twilio-transcription"`);
    expect(twiml).toMatch(/<Hangup\/><\/Response>$/);
  });

  it('says goodbye and hangs up', () => {
    expect(sayAndHangUp(messages.unknownNumber)).toBe(`${XML}<Response><Say>${messages.unknownNumber}</Say><Hangup/></Response>`);
  });
});

describe('decide', () => {
  it('takes the option of the key pressed', () => {
    expect(decide(menu, { digits: '1' }, 1)).toEqual({ kind: 'option', option: menu.options[0] });
    expect(decide(menu, { digits: '*' }, 3)).toEqual({ kind: 'option', option: menu.options[2] });
  });

  it('takes a spoken key or description', () => {
    expect(decide(menu, { speech: 'Two, please.' }, 1)).toMatchObject({ kind: 'option', option: { digit: '2' } });
    expect(decide(menu, { speech: 'I want sales' }, 1)).toMatchObject({ kind: 'option', option: { digit: '1' } });
    expect(decide(menu, { speech: 'star' }, 1)).toMatchObject({ kind: 'option', option: { digit: '*' } });
  });

  it('prompts again after a key not offered or silence, until max_retries', () => {
    expect(decide(menu, { digits: '5' }, 1)).toEqual({ kind: 'prompt', attempt: 2, notice: 'invalid' });
    expect(decide(menu, { speech: 'hmm' }, 2)).toEqual({ kind: 'prompt', attempt: 3, notice: 'invalid' });
    expect(decide(menu, {}, 1)).toEqual({ kind: 'prompt', attempt: 2, notice: 'no_input' });
  });

  it('falls back once retries are used up: the menu’s action, `repeat` ending in a hang-up', () => {
    expect(decide(menu, { digits: '5' }, 3)).toEqual({ kind: 'fallback', action: 'voicemail', target: null });
    expect(decide(menu, { digits: '' }, 3)).toEqual({ kind: 'fallback', action: 'hangup', target: null });
    expect(decide({ ...menu, no_input_action: 'transfer', no_input_target: 'desk' }, {}, 5)).toEqual({ kind: 'fallback', action: 'transfer', target: 'desk' });
  });
});
