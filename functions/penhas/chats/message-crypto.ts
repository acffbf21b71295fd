/**
 * Private chat messages are sealed at rest with envelope encryption. Each chat
 * has its own 256-bit data key, made when the chat opens and kept on the chat
 * item only wrapped by a key provider:
 *   - on AWS, KMS (`GenerateDataKey`/`Decrypt` on the service's key, named in
 *     `SECRETS_KMS_KEY_ID`; the chat id is the KMS encryption context);
 *   - locally, a fixed 256-bit key (`CHAT_LOCAL_KEY`, 64 hex digits) wraps it
 *     with AES-256-GCM.
 * Every message is AES-256-GCM under the chat's data key, with the chat id as
 * additional authenticated data: a message copied into another chat does not
 * open. A sealed message is `v1.<iv>.<tag>.<ciphertext>` (base64url parts).
 * Deleting a chat item destroys its wrapped key, so what is left of its
 * messages can never be read again.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ConfigError } from '#shared/config';

export interface ChatKeyProvider {
  /** Stored next to the wrapped key, so a chat names the provider that opens it. */
  readonly name: 'kms' | 'local';
  generateDataKey(chatId: string): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrapDataKey(wrapped: Buffer, chatId: string): Promise<Buffer>;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const CACHED_KEYS = 500;

const aad = (chatId: string) => Buffer.from(`penhas-chat:${chatId}`, 'utf8');

function seal(key: Buffer, plaintext: Buffer, additional: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additional);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

function open(key: Buffer, sealed: Buffer, additional: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(additional);
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A local master key wraps the chats' data keys (no cloud account needed). */
export function localChatKeyProvider(masterKey: Buffer): ChatKeyProvider {
  if (masterKey.length !== KEY_BYTES) throw new ConfigError([`CHAT_LOCAL_KEY must be ${KEY_BYTES} bytes (64 hex digits)`]);
  return {
    name: 'local',
    async generateDataKey(chatId) {
      const plaintext = randomBytes(KEY_BYTES);
      return { plaintext, wrapped: seal(masterKey, plaintext, aad(chatId)) };
    },
    async unwrapDataKey(wrapped, chatId) {
      return open(masterKey, wrapped, aad(chatId));
    },
  };
}

/** KMS wraps the data keys; its client is imported on first use, so a local cold start never loads it. */
function lazyKmsProvider(keyId: string): ChatKeyProvider {
  let loaded: Promise<ChatKeyProvider> | undefined;
  const provider = () => (loaded ??= import('./message-crypto-kms.ts').then(({ kmsChatKeyProvider }) => kmsChatKeyProvider(keyId)));
  return {
    name: 'kms',
    generateDataKey: async (chatId) => (await provider()).generateDataKey(chatId),
    unwrapDataKey: async (wrapped, chatId) => (await provider()).unwrapDataKey(wrapped, chatId),
  };
}

/** KMS when `SECRETS_KMS_KEY_ID` is set (AWS), else the local key in `CHAT_LOCAL_KEY`. */
export function chatKeyProviderFromEnvironment(env: NodeJS.ProcessEnv = process.env): ChatKeyProvider {
  if (env.SECRETS_KMS_KEY_ID) return lazyKmsProvider(env.SECRETS_KMS_KEY_ID);
  if (env.CHAT_LOCAL_KEY) return localChatKeyProvider(Buffer.from(env.CHAT_LOCAL_KEY, 'hex'));
  throw new ConfigError(['SECRETS_KMS_KEY_ID (on AWS) or CHAT_LOCAL_KEY (locally) is missing: chat messages cannot be sealed']);
}

let configured: ChatKeyProvider | undefined;
const defaultProvider = (): ChatKeyProvider => (configured ??= chatKeyProviderFromEnvironment());

/** A new chat's data key: the wrapped form to store, and the key itself for this request. */
export async function newChatKey(chatId: string, provider = defaultProvider()): Promise<{ wrapped: string; provider: string; key: Buffer }> {
  const { plaintext, wrapped } = await provider.generateDataKey(chatId);
  remember(provider, chatId, wrapped.toString('base64url'), Promise.resolve(plaintext));
  return { wrapped: wrapped.toString('base64url'), provider: provider.name, key: plaintext };
}

const unwrapped = new WeakMap<ChatKeyProvider, Map<string, Promise<Buffer>>>();

function remember(provider: ChatKeyProvider, chatId: string, wrapped: string, value: Promise<Buffer>) {
  const cache = unwrapped.get(provider) ?? new Map<string, Promise<Buffer>>();
  unwrapped.set(provider, cache);
  cache.set(`${chatId}.${wrapped}`, value);
  if (cache.size > CACHED_KEYS) cache.delete(cache.keys().next().value!);
}

/** The chat's data key from its wrapped form; cached per execution environment (one KMS call per chat and environment). */
export async function chatKey(chatId: string, wrapped: string, provider = defaultProvider()): Promise<Buffer> {
  const cache = unwrapped.get(provider);
  const hit = cache?.get(`${chatId}.${wrapped}`);
  if (hit) return hit;
  const value = provider.unwrapDataKey(Buffer.from(wrapped, 'base64url'), chatId);
  value.catch(() => unwrapped.get(provider)?.delete(`${chatId}.${wrapped}`));
  remember(provider, chatId, wrapped, value);
  return value;
}

/** Seals one message of the chat. */
export function sealMessage(key: Buffer, chatId: string, message: string): string {
  const sealed = seal(key, Buffer.from(message, 'utf8'), aad(chatId));
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const body = sealed.subarray(IV_BYTES + TAG_BYTES);
  return ['v1', iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
}

/** Opens a message sealed for this chat; undefined when it does not open (another chat, tampered). */
export function openMessage(key: Buffer, chatId: string, sealed: string): string | undefined {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return undefined;
  try {
    const bytes = Buffer.concat(parts.slice(1).map((part) => Buffer.from(part, 'base64url')));
    return open(key, bytes, aad(chatId)).toString('utf8');
  } catch {
    return undefined;
  }
}
