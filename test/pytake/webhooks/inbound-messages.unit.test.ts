import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentOf, inboundMessageOf, profileNameOf } from '../../../functions/pytake/inbox/inbound-messages.ts';
import { changesOf, itemsOf, type MetaMessage } from '../../../functions/pytake/webhooks/meta-payload.ts';

const message = (type: string, body: Record<string, unknown>, extra: Record<string, unknown> = {}): MetaMessage =>
  ({ id: 'wamid.1', from: '5511999990000', timestamp: '1700000000', type, [type]: body, ...extra }) as MetaMessage;

describe('inbound message content', () => {
  it('stores text, interactive replies with id and title, buttons, media, location, reactions and contacts', () => {
    expect(contentOf(message('text', { body: 'Olá' }))).toEqual({ text: 'Olá' });
    expect(contentOf(message('interactive', { type: 'button_reply', button_reply: { id: 'yes', title: 'Sim' } }))).toEqual({
      interactive_type: 'button_reply',
      id: 'yes',
      title: 'Sim',
    });
    expect(contentOf(message('interactive', { type: 'list_reply', list_reply: { id: 'r1', title: 'Row', description: 'd' } }))).toEqual({
      interactive_type: 'list_reply',
      id: 'r1',
      title: 'Row',
      description: 'd',
    });
    expect(contentOf(message('button', { text: 'Stop', payload: 'STOP' }))).toEqual({ text: 'Stop', payload: 'STOP' });
    expect(contentOf(message('image', { id: 'm1', mime_type: 'image/jpeg', sha256: 'h', caption: 'c' }))).toEqual({
      media_id: 'm1',
      mime_type: 'image/jpeg',
      sha256: 'h',
      caption: 'c',
    });
    expect(contentOf(message('audio', { id: 'a1', mime_type: 'audio/ogg', voice: true }))).toEqual({ media_id: 'a1', mime_type: 'audio/ogg', voice: true });
    expect(contentOf(message('document', { id: 'd1', mime_type: 'application/pdf', filename: 'x.pdf' }))).toEqual({
      media_id: 'd1',
      mime_type: 'application/pdf',
      filename: 'x.pdf',
    });
    expect(contentOf(message('location', { latitude: -23.5, longitude: -46.6, name: 'Paulista' }))).toEqual({
      latitude: -23.5,
      longitude: -46.6,
      name: 'Paulista',
    });
    expect(contentOf(message('reaction', { message_id: 'wamid.0', emoji: '👍' }))).toEqual({ message_id: 'wamid.0', emoji: '👍' });
    const card = [{ name: { formatted_name: 'Ana' }, phones: [{ phone: '+55 11 9' }] }];
    expect(contentOf({ id: 'w', from: '1', type: 'contacts', contacts: card } as unknown as MetaMessage)).toEqual({ contacts: card });
    expect(contentOf(message('order', { catalog_id: 'c' }))).toEqual({ order: { catalog_id: 'c' } });
  });

  it('reads the timestamp, the quoted message and the profile name', () => {
    const parsed = inboundMessageOf(message('text', { body: 'x' }, { context: { id: 'wamid.0' } }));
    expect(parsed).toMatchObject({ wamid: 'wamid.1', from: '5511999990000', timestamp: 1700000000, message_type: 'text', reply_to_wamid: 'wamid.0' });
    expect(inboundMessageOf(message('text', { body: 'x' }, { timestamp: 'soon' })).timestamp).toBeUndefined();
    expect(profileNameOf([{ wa_id: '1', profile: { name: ' Ana ' } }], '1')).toBe('Ana');
    expect(profileNameOf([{ wa_id: '1', profile: { name: 'Ana' } }], '2')).toBeUndefined();
  });
});

describe('webhook payload', () => {
  it('finds each change that names a number, and skips the rest', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        { changes: [{ value: { metadata: { phone_number_id: 'p1' } } }, { value: {} }, null] },
        { changes: 'nope' },
        { changes: [{ value: { metadata: { phone_number_id: 'p2' }, messages: [] } }] },
      ],
    };
    expect(changesOf(body).map((change) => change.phoneNumberId)).toEqual(['p1', 'p2']);
    expect(changesOf(null)).toEqual([]);
    expect(changesOf({ entry: {} })).toEqual([]);
  });

  it('keeps the items that parse and counts the others', () => {
    const items = itemsOf({
      contacts: [{ wa_id: '1', profile: { name: 'Ana' } }, { profile: {} }],
      messages: [{ id: 'w1', from: '1', type: 'text', text: { body: 'a' } }, { id: 'w2' }],
      statuses: [{ id: 'w0', status: 'read' }],
    });
    expect(items.contacts).toHaveLength(1);
    expect(items.messages).toHaveLength(1);
    expect(items.statuses).toHaveLength(1);
    expect(items.skipped).toBe(2);
  });
});

describe('webhook payload parsing (any input)', () => {
  it('never throws: whatever the body, changes, items and contents come out or are skipped', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const changes = changesOf(body);
        for (const change of changes) {
          const { messages } = itemsOf(change.value ?? {});
          for (const message of messages) expect(typeof inboundMessageOf(message).content).toBe('object');
        }
      }),
    );
  });

  it('reads any message Meta could send without throwing, keeping its id, sender and type', () => {
    const message = fc.record({
      id: fc.string({ minLength: 1, maxLength: 40 }),
      from: fc.string({ minLength: 1, maxLength: 20 }),
      timestamp: fc.option(fc.string(), { nil: undefined }),
      type: fc.constantFrom(
        'text',
        'interactive',
        'button',
        'image',
        'audio',
        'video',
        'document',
        'sticker',
        'location',
        'reaction',
        'contacts',
        'order',
        'unsupported',
      ),
      text: fc.jsonValue(),
      interactive: fc.jsonValue(),
      image: fc.jsonValue(),
      location: fc.jsonValue(),
      reaction: fc.jsonValue(),
      contacts: fc.jsonValue(),
    });
    fc.assert(
      fc.property(message, (raw) => {
        const [parsed] = itemsOf({ messages: [raw] }).messages;
        const inbound = inboundMessageOf(parsed);
        expect([inbound.wamid, inbound.from, inbound.message_type]).toEqual([raw.id, raw.from, raw.type]);
      }),
    );
  });
});
