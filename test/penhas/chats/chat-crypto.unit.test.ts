/** Chat messages sealed at rest: AES-256-GCM under a per-chat data key, bound to the chat id. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { activityLabel, foldName } from '../../../functions/penhas/chats/directory.ts';
import { chatKey, localChatKeyProvider, newChatKey, openMessage, sealMessage } from '../../../functions/penhas/chats/message-crypto.ts';
import { etagOf, nextTime } from '../../../functions/penhas/chats/store.ts';
import { chatKeyProviderFromEnvironment } from '../../../functions/penhas/chats/message-crypto.ts';

const provider = localChatKeyProvider(randomBytes(32));

describe('chat message sealing', () => {
  it('opens what it sealed, for the same chat only, and the stored form holds no plaintext', async () => {
    const { key, wrapped } = await newChatKey('chat-1', provider);
    const sealed = sealMessage(key, 'chat-1', 'oi, tudo bem? ação');
    expect(sealed).not.toContain('oi');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(openMessage(key, 'chat-1', sealed)).toBe('oi, tudo bem? ação');
    // Another chat's id (the additional data) does not open it.
    expect(openMessage(key, 'chat-2', sealed)).toBeUndefined();
    // The wrapped key opens again through the provider (a fresh environment's cache miss).
    const again = await chatKey('chat-1', wrapped, provider);
    expect(openMessage(again, 'chat-1', sealed)).toBe('oi, tudo bem? ação');
  });

  it('refuses a tampered message and a wrapped key moved to another chat', async () => {
    const { key, wrapped } = await newChatKey('chat-a', provider);
    const sealed = sealMessage(key, 'chat-a', 'segredo');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[0] ^= 1;
    expect(openMessage(key, 'chat-a', [...parts.slice(0, 3), body.toString('base64url')].join('.'))).toBeUndefined();
    expect(openMessage(key, 'chat-a', 'not sealed')).toBeUndefined();
    await expect(provider.unwrapDataKey(Buffer.from(wrapped, 'base64url'), 'chat-b')).rejects.toThrow();
  });

  it('needs a KMS key or a 256-bit local key', () => {
    expect(() => chatKeyProviderFromEnvironment({})).toThrow(/CHAT_LOCAL_KEY/);
    expect(() => chatKeyProviderFromEnvironment({ CHAT_LOCAL_KEY: 'abcd' })).toThrow(/32 bytes/);
    expect(chatKeyProviderFromEnvironment({ SECRETS_KMS_KEY_ID: 'alias/x', CHAT_LOCAL_KEY: 'abcd' }).name).toBe('kms');
  });
});

describe('chat helpers', () => {
  it('orders message times strictly and gives the original 6-digit etags', () => {
    const previous = '2030-01-01T00:00:00.000Z';
    expect(nextTime(previous, new Date('2029-01-01T00:00:00Z'))).toBe('2030-01-01T00:00:00.001Z');
    expect(nextTime(undefined, new Date('2029-01-01T00:00:00Z'))).toBe('2029-01-01T00:00:00.000Z');
    expect(etagOf(previous)).toMatch(/^[0-9a-f]{6}$/);
    expect(etagOf(previous)).not.toBe(etagOf('2030-01-01T00:00:00.001Z'));
  });

  it('folds names for the accent-insensitive search and labels activity as the original', () => {
    expect(foldName('  Conceição  da SILVA ')).toBe('conceicao da silva');
    expect(foldName('Zoë-Ana')).toBe('zoe ana');
    expect(activityLabel(0)).toBe('online');
    expect(activityLabel(60)).toBe('há pouco tempo');
    expect(activityLabel(2 * 1440)).toBe('há poucos dias');
    expect(activityLabel(10 * 1440)).toBe('há algumas semanas');
    expect(activityLabel(40 * 1440)).toBe('há muito tempo');
  });
});
