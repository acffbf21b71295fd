/**
 * The LiftLog app's client-side cryptography, on WebCrypto
 * (`globalThis.crypto.subtle`), with the app's parameters: AES-CBC-128 with a
 * random 16-byte IV for payloads, signed first with RSA-PSS (SHA-256, 32-byte
 * salt) over the SHA-256 of the data; RSA-OAEP-2048 (SHA-256) key pairs whose
 * SPKI public key is published, encrypting inbox messages in 122-byte chunks.
 */
const subtle = globalThis.crypto.subtle;
const PSS = { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 } as const;
const OAEP = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
const SIGNATURE_BYTES = 256;
const OAEP_CHUNK_BYTES = 122;

export interface RsaKeyPair {
  pkcs8PrivateKeyBytes: Uint8Array;
  spkiPublicKeyBytes: Uint8Array;
}

export interface AesEncrypted {
  encryptedPayload: Uint8Array;
  iv: Uint8Array;
}

export async function generateAesKey(): Promise<Uint8Array> {
  const key = await subtle.generateKey({ name: 'AES-CBC', length: 128 }, true, ['encrypt', 'decrypt']);
  return new Uint8Array(await subtle.exportKey('raw', key));
}

export async function generateRsaKeys(): Promise<RsaKeyPair> {
  const pair = await subtle.generateKey({ ...OAEP, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']);
  return {
    pkcs8PrivateKeyBytes: new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey)),
    spkiPublicKeyBytes: new Uint8Array(await subtle.exportKey('spki', pair.publicKey)),
  };
}

export async function signRsaPss(data: Uint8Array, keys: Pick<RsaKeyPair, 'pkcs8PrivateKeyBytes'>): Promise<Uint8Array> {
  const key = await subtle.importKey('pkcs8', keys.pkcs8PrivateKeyBytes, PSS, false, ['sign']);
  return new Uint8Array(await subtle.sign(PSS, key, data));
}

export async function verifyRsaPss(data: Uint8Array, signature: Uint8Array, spkiPublicKeyBytes: Uint8Array): Promise<boolean> {
  const key = await subtle.importKey('spki', spkiPublicKeyBytes, PSS, false, ['verify']);
  return subtle.verify(PSS, key, signature, data);
}

/** The app's signRsa256PssAndEncryptAesCbcAsync: data ‖ PSS signature of SHA-256(data), AES-CBC encrypted. */
export async function signAndEncrypt(
  data: Uint8Array,
  aesKey: Uint8Array,
  keys: Pick<RsaKeyPair, 'pkcs8PrivateKeyBytes'>,
  iv?: Uint8Array,
): Promise<AesEncrypted> {
  const useIv = iv ?? crypto.getRandomValues(new Uint8Array(16));
  const signature = await signRsaPss(new Uint8Array(await subtle.digest('SHA-256', data)), keys);
  const key = await subtle.importKey('raw', aesKey, { name: 'AES-CBC' }, false, ['encrypt']);
  const encrypted = await subtle.encrypt({ name: 'AES-CBC', iv: useIv }, key, new Uint8Array([...data, ...signature]));
  return { encryptedPayload: new Uint8Array(encrypted), iv: useIv };
}

/** The app's decryptAesCbcAndVerifyRsa256PssAsync: throws unless the signature verifies. */
export async function decryptAndVerify(data: AesEncrypted, aesKey: Uint8Array, spkiPublicKeyBytes: Uint8Array): Promise<Uint8Array> {
  const key = await subtle.importKey('raw', aesKey, { name: 'AES-CBC' }, false, ['decrypt']);
  const decrypted = new Uint8Array(await subtle.decrypt({ name: 'AES-CBC', iv: data.iv }, key, data.encryptedPayload));
  const payload = decrypted.slice(0, decrypted.length - SIGNATURE_BYTES);
  const signature = decrypted.slice(decrypted.length - SIGNATURE_BYTES);
  const hash = new Uint8Array(await subtle.digest('SHA-256', payload));
  if (!(await verifyRsaPss(hash, signature, spkiPublicKeyBytes))) throw new Error('signature verification failed');
  return payload;
}

export async function encryptRsaOaep(data: Uint8Array, spkiPublicKeyBytes: Uint8Array): Promise<Uint8Array[]> {
  const key = await subtle.importKey('spki', spkiPublicKeyBytes, OAEP, false, ['encrypt']);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += OAEP_CHUNK_BYTES) {
    chunks.push(new Uint8Array(await subtle.encrypt({ name: 'RSA-OAEP' }, key, data.slice(i, i + OAEP_CHUNK_BYTES))));
  }
  return chunks;
}

export async function decryptRsaOaep(chunks: Uint8Array[], keys: Pick<RsaKeyPair, 'pkcs8PrivateKeyBytes'>): Promise<Uint8Array> {
  const key = await subtle.importKey('pkcs8', keys.pkcs8PrivateKeyBytes, OAEP, false, ['decrypt']);
  const parts = await Promise.all(chunks.map(async (chunk) => new Uint8Array(await subtle.decrypt({ name: 'RSA-OAEP' }, key, chunk))));
  return new Uint8Array(parts.flatMap((part) => [...part]));
}

export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
export const fromJsonBytes = <T>(bytes: Uint8Array): T => JSON.parse(new TextDecoder().decode(bytes)) as T;
