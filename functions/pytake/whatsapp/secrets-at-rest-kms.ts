/** The KMS adapter of secrets-at-rest.ts (imported on first use there). */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { KeyProvider } from './secrets-at-rest.ts';

/** KMS wraps the data keys: the plaintext key never leaves this process, the KMS key never leaves KMS. */
export function kmsKeyProvider(keyId: string, client: KMSClient = new KMSClient({})): KeyProvider {
  return {
    name: 'kms',
    async generateDataKey(context) {
      const output = await client.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
      return { plaintext: Buffer.from(output.Plaintext!), wrapped: Buffer.from(output.CiphertextBlob!) };
    },
    async unwrapDataKey(wrapped, context) {
      const output = await client.send(new DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: context }));
      return Buffer.from(output.Plaintext!);
    },
  };
}
