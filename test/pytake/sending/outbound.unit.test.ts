import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { graphBodyOf, needsServiceWindow, sendMessageBody } from '../../../functions/pytake/inbox/outbound.ts';

const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: '5511999990000' };

describe('outbound messages as Graph API bodies', () => {
  it('maps each type to Meta’s shape', () => {
    expect(graphBodyOf(base.to, 'text', { text: 'Oi' })).toEqual({ ...base, type: 'text', text: { body: 'Oi' } });
    expect(graphBodyOf(base.to, 'image', { url: 'https://x/a.png', caption: 'c' })).toEqual({
      ...base,
      type: 'image',
      image: { link: 'https://x/a.png', caption: 'c' },
    });
    expect(graphBodyOf(base.to, 'document', { media_id: '9', filename: 'a.pdf', caption: 'c' })).toEqual({
      ...base,
      type: 'document',
      document: { id: '9', filename: 'a.pdf', caption: 'c' },
    });
    expect(graphBodyOf(base.to, 'audio', { media_id: '9', caption: 'dropped' })).toEqual({ ...base, type: 'audio', audio: { id: '9' } });
    expect(graphBodyOf(base.to, 'template', { name: 'n', language: 'en_US', components: [{ type: 'body' }] })).toEqual({
      ...base,
      type: 'template',
      template: { name: 'n', language: { code: 'en_US' }, components: [{ type: 'body' }] },
    });
    const interactive = { type: 'button', body: { text: 'Escolha' }, action: { buttons: [] } };
    expect(graphBodyOf(base.to, 'interactive', interactive)).toEqual({ ...base, type: 'interactive', interactive });
  });

  it('needs the 24-hour window for everything but templates', () => {
    expect(['text', 'image', 'interactive', 'document'].map(needsServiceWindow)).toEqual([true, true, true, true]);
    expect(needsServiceWindow('template')).toBe(false);
  });

  it('gives templates a default language', () => {
    expect(z.parse(sendMessageBody, { message_type: 'template', content: { name: 'n' } })).toEqual({
      message_type: 'template',
      content: { name: 'n', language: 'pt_BR' },
    });
  });
});
