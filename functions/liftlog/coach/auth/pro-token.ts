/**
 * LiftLog's `pro-token` authenticator. Pro users prove their purchase with
 * `Authorization: [Bearer ]<Store> <token>`: exactly two words after an
 * optional `Bearer`, the store named in any case. Browsers cannot set headers
 * on a WebSocket, so the same value is also accepted in the `access_token`
 * query parameter. The credential is checked before the body is looked at.
 */
import { defineAuthenticator, headerOf } from '#shared/auth/authenticator';
import { unauthenticated } from '#shared/errors';
import { verifyProToken } from './purchase-verification.ts';

const STORES = ['Web', 'RevenueCat', 'GooglePlay', 'AppleAppStore'] as const;
export type Store = (typeof STORES)[number];

export interface ProCredential {
  store: Store;
  token: string;
}

const storesByName = new Map(STORES.map((store) => [store.toLowerCase(), store]));

/** The store and token an Authorization value names, or undefined when it is not of that form. */
export function parseProCredential(value: string): ProCredential | undefined {
  let words = value.trim().split(' ');
  if (words[0]?.toLowerCase() === 'bearer') words = words.slice(1);
  if (words.length !== 2 || !words[0] || !words[1]) return undefined;
  const store = storesByName.get(words[0].toLowerCase());
  return store && { store, token: words[1] };
}

/** The verified credential of a pro user; AppError('unauthenticated') for anything else. */
export const proToken = defineAuthenticator<'pro-token', ProCredential, unknown>({
  kind: 'pro-token',
  reads: 'request',
  async authenticate({ headers, query }) {
    const value = headerOf(headers, 'authorization') ?? query.access_token;
    const credential = value === undefined ? undefined : parseProCredential(value);
    if (!credential) throw unauthenticated('invalid_pro_token', 'expected Authorization: <Store> <token>');
    if (!(await verifyProToken(credential.store, credential.token))) throw unauthenticated('invalid_pro_token', 'no active pro purchase');
    return credential;
  },
});
