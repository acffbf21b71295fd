/**
 * The chats' KMS adapter through the real @aws-sdk/client-kms, against a fake
 * KMS (AWS JSON 1.1 on a local port) that binds data keys to their encryption
 * context as KMS does: a chat's key comes from GenerateDataKey, opens with one
 * Decrypt per execution environment, and never under another chat's id.
 */
import { randomBytes } from 'node:crypto';
import { KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kmsChatKeyProvider } from '../../../functions/penhas/chats/message-crypto-kms.ts';
import { chatKey, newChatKey, openMessage, sealMessage } from '../../../functions/penhas/chats/message-crypto.ts';
import { type FakeServer, startFakeServer } from '../../../infra/local/fakes/provider-api.ts';

const KEY_ARN = 'arn:aws:kms:us-east-1:000000000000:key/66666666-7777-8888-9999-000000000000';
let kms: FakeServer;
const wrapped = new Map<string, { key: string; context: string }>();

beforeAll(async () => {
  kms = await startFakeServer((request) => {
    const target = request.headers['x-amz-target'];
    const body = JSON.parse(request.body) as { KeyId?: string; KeySpec?: string; EncryptionContext?: Record<string, string>; CiphertextBlob?: string };
    const context = JSON.stringify(Object.entries(body.EncryptionContext ?? {}).sort());
    if (target === 'TrentService.GenerateDataKey') {
      if (body.KeyId !== KEY_ARN || body.KeySpec !== 'AES_256') return { status: 400, body: { __type: 'NotFoundException', message: 'unknown key' } };
      const key = randomBytes(32).toString('base64');
      const blob = randomBytes(48).toString('base64');
      wrapped.set(blob, { key, context });
      return { status: 200, body: { KeyId: KEY_ARN, Plaintext: key, CiphertextBlob: blob } };
    }
    if (target === 'TrentService.Decrypt') {
      const entry = wrapped.get(body.CiphertextBlob ?? '');
      if (!entry || entry.context !== context) return { status: 400, body: { __type: 'InvalidCiphertextException', message: '' } };
      return { status: 200, body: { KeyId: KEY_ARN, Plaintext: entry.key } };
    }
    return { status: 400, body: { __type: 'UnsupportedOperationException', message: String(target) } };
  });
});
afterAll(() => kms?.close());

const client = () => new KMSClient({ endpoint: kms.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('chat data keys on AWS (KMS)', () => {
  it('makes a chat key with GenerateDataKey bound to the chat, and unwraps it once per execution environment', async () => {
    const { key, wrapped: stored } = await newChatKey('chat-kms-1', kmsChatKeyProvider(KEY_ARN, client()));
    const sealed = sealMessage(key, 'chat-kms-1', 'mensagem privada');
    // A fresh environment: one Decrypt, then the cache.
    const fresh = kmsChatKeyProvider(KEY_ARN, client());
    expect(openMessage(await chatKey('chat-kms-1', stored, fresh), 'chat-kms-1', sealed)).toBe('mensagem privada');
    expect(openMessage(await chatKey('chat-kms-1', stored, fresh), 'chat-kms-1', sealed)).toBe('mensagem privada');
    expect(kms.requests.map((request) => request.headers['x-amz-target'])).toEqual(['TrentService.GenerateDataKey', 'TrentService.Decrypt']);
    expect(JSON.parse(kms.requests[0].body)).toMatchObject({
      KeyId: KEY_ARN,
      KeySpec: 'AES_256',
      EncryptionContext: { purpose: 'penhas-chat', chat: 'chat-kms-1' },
    });
    expect(kms.requests.map((request) => request.body).join('')).not.toContain('mensagem');
  });

  it('does not unwrap a chat key under another chat id', async () => {
    const { wrapped: stored } = await newChatKey('chat-kms-2', kmsChatKeyProvider(KEY_ARN, client()));
    await expect(chatKey('chat-kms-3', stored, kmsChatKeyProvider(KEY_ARN, client()))).rejects.toThrow();
  });
});
