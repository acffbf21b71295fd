/**
 * Envelope encryption of the WhatsApp numbers' credentials (access token, app
 * secret) before they reach the table. Each value gets a fresh 256-bit data key
 * and is sealed with AES-256-GCM; the data key itself is kept only wrapped by a
 * key provider:
 *   - on AWS, KMS: `GenerateDataKey` (wrapped by the service's KMS key) and
 *     `Decrypt`; the key is named by `SECRETS_KMS_KEY_ID` (key id, ARN or alias);
 *   - locally, a fixed 256-bit key from `SECRETS_LOCAL_KEY` (64 hex digits, set by
 *     the manifest's localEnvironment) wraps it with AES-256-GCM.
 * The encryption context (organization, number, field) is bound to both layers
 * (KMS encryption context, GCM additional data), so a sealed value copied onto
 * another number or field does not open.
 *
 * A sealed value is one string, `v1.<provider>.<wrapped key>.<iv>.<tag>.<ciphertext>`
 * (base64url parts). Unwrapped data keys are cached per execution environment,
 * so a warm webhook does not call KMS for every event.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '#shared/config';

export type EncryptionContext = Record<string, string>;

export interface KeyProvider {
  /** Stored in the sealed value, so a value names the provider that can open it. */
  readonly name: 'kms' | 'local';
  generateDataKey(context: EncryptionContext): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrapDataKey(wrapped: Buffer, context: EncryptionContext): Promise<Buffer>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const CACHED_KEYS = 200;

/** The context as GCM additional data: keys sorted, so the same context always binds the same bytes. */
const contextBytes = (context: EncryptionContext): Buffer =>
  Buffer.from(
    JSON.stringify(
      Object.keys(context)
        .sort()
        .map((name) => [name, context[name]]),
    ),
  );

function gcmSeal(key: Buffer, plaintext: Buffer, aad: Buffer): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

function gcmOpen(key: Buffer, iv: Buffer, tag: Buffer, ciphertext: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/** KMS wraps the data keys; its client is imported on first use, so a local cold start never evaluates it. */
function lazyKmsKeyProvider(keyId: string): KeyProvider {
  let loaded: Promise<KeyProvider> | undefined;
  const provider = () => (loaded ??= import('./secrets-at-rest-kms.ts').then(({ kmsKeyProvider }) => kmsKeyProvider(keyId)));
  return {
    name: 'kms',
    generateDataKey: async (context) => (await provider()).generateDataKey(context),
    unwrapDataKey: async (wrapped, context) => (await provider()).unwrapDataKey(wrapped, context),
  };
}

/** A local master key wraps the data keys (no cloud account needed). */
export function localKeyProvider(masterKey: Buffer): KeyProvider {
  if (masterKey.length !== KEY_BYTES) throw new ConfigError([`SECRETS_LOCAL_KEY must be ${KEY_BYTES} bytes (64 hex digits)`]);
  return {
    name: 'local',
    async generateDataKey(context) {
      const plaintext = randomBytes(KEY_BYTES);
      const { iv, tag, ciphertext } = gcmSeal(masterKey, plaintext, contextBytes(context));
      return { plaintext, wrapped: Buffer.concat([iv, tag, ciphertext]) };
    },
    async unwrapDataKey(wrapped, context) {
      return gcmOpen(
        masterKey,
        wrapped.subarray(0, IV_BYTES),
        wrapped.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
        wrapped.subarray(IV_BYTES + TAG_BYTES),
        contextBytes(context),
      );
    },
  };
}

let configured: KeyProvider | undefined;

/** KMS when `SECRETS_KMS_KEY_ID` is set, else the local key in `SECRETS_LOCAL_KEY`. */
export function keyProviderFromEnvironment(env: NodeJS.ProcessEnv = process.env): KeyProvider {
  if (env.SECRETS_KMS_KEY_ID) return lazyKmsKeyProvider(env.SECRETS_KMS_KEY_ID);
  if (env.SECRETS_LOCAL_KEY) return localKeyProvider(Buffer.from(env.SECRETS_LOCAL_KEY, 'hex'));
  throw new ConfigError(['SECRETS_KMS_KEY_ID (on AWS) or SECRETS_LOCAL_KEY (locally) is missing: credentials cannot be encrypted at rest']);
}

const defaultProvider = (): KeyProvider => (configured ??= keyProviderFromEnvironment());

const b64 = (bytes: Buffer) => bytes.toString('base64url');

/** Seals `plaintext` under a fresh data key; the result is safe to store. */
export async function sealSecret(plaintext: string, context: EncryptionContext, provider: KeyProvider = defaultProvider()): Promise<string> {
  const dataKey = await provider.generateDataKey(context);
  try {
    const { iv, tag, ciphertext } = gcmSeal(dataKey.plaintext, Buffer.from(plaintext, 'utf8'), contextBytes(context));
    return ['v1', provider.name, b64(dataKey.wrapped), b64(iv), b64(tag), b64(ciphertext)].join('.');
  } finally {
    dataKey.plaintext.fill(0);
  }
}

/** Per provider: a key another provider's master key wrapped must never be answered from here. */
const unwrappedBy = new WeakMap<KeyProvider, Map<string, Promise<Buffer>>>();

/** Opens what sealSecret sealed with the same context; throws when the value or the context differ. */
export async function openSecret(sealed: string, context: EncryptionContext, provider: KeyProvider = defaultProvider()): Promise<string> {
  const parts = sealed.split('.');
  if (parts.length !== 6 || parts[0] !== 'v1') throw new Error('not a sealed secret');
  const [, providerName, wrapped, iv, tag, ciphertext] = parts;
  if (providerName !== provider.name) throw new Error(`sealed by the ${providerName} key provider, opened with ${provider.name}`);
  // The cache is keyed by the wrapped key and the context: a hit is exactly what KMS would answer again.
  const cacheKey = `${wrapped}.${contextBytes(context).toString('base64url')}`;
  const unwrapped = unwrappedBy.get(provider) ?? new Map<string, Promise<Buffer>>();
  unwrappedBy.set(provider, unwrapped);
  let dataKey = unwrapped.get(cacheKey);
  if (!dataKey) {
    dataKey = provider.unwrapDataKey(Buffer.from(wrapped, 'base64url'), context);
    dataKey.catch(() => unwrapped.delete(cacheKey));
    unwrapped.set(cacheKey, dataKey);
    if (unwrapped.size > CACHED_KEYS) unwrapped.delete(unwrapped.keys().next().value!);
  }
  const plaintext = gcmOpen(
    await dataKey,
    Buffer.from(iv, 'base64url'),
    Buffer.from(tag, 'base64url'),
    Buffer.from(ciphertext, 'base64url'),
    contextBytes(context),
  );
  return plaintext.toString('utf8');
}
