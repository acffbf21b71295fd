/** The KMS adapter of message-crypto.ts (imported on first use there). */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { ChatKeyProvider } from './message-crypto.ts';

/** KMS wraps the chats' data keys, bound to the chat id by the encryption context. */
export function kmsChatKeyProvider(keyId: string, client: KMSClient = new KMSClient({})): ChatKeyProvider {
  const context = (chatId: string) => ({ purpose: 'penhas-chat', chat: chatId });
  return {
    name: 'kms',
    async generateDataKey(chatId) {
      const output = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context(chatId) }));
      return { plaintext: Buffer.from(output.Plaintext!), wrapped: Buffer.from(output.CiphertextBlob!) };
    },
    async unwrapDataKey(wrapped, chatId) {
      const output = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: context(chatId) }));
      return Buffer.from(output.Plaintext!);
    },
  };
}
