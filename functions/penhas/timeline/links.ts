/**
 * The signed links the timeline hands out, as the original built them: media
 * downloads bound to the viewer, her quality choice and her address; news
 * links that go through `GET /news-redirect` (which records the opening); and
 * outside images through `GET /get-proxy`. Each carries the first 12 hex
 * digits of an MD5 over a salt and its parameters, so only links this service
 * made are honoured.
 *
 * The salts are `MEDIA_HASH_SALT` and `NEWS_HASH_SALT`, from the session secret
 * or the environment (the original's keep its links working). A deployment
 * that sets neither gets salts derived from its session key: never a default
 * anyone could read here, with which the image proxy would fetch any address
 * for anyone. Handlers await `loadLinkSalts()` before making or checking a link.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { ConfigError, loadConfig } from '#shared/config';
import { readSecretJson } from '#shared/secrets';
import { secrets } from '../resources.ts';

const linksConfig = z.object({
  /** Where the app reaches this API, ending in `/` (default: the host of the request). */
  PUBLIC_API_URL: z.optional(z.string()),
  MEDIA_HASH_SALT: z.optional(z.string().check(z.minLength(1))),
  NEWS_HASH_SALT: z.optional(z.string().check(z.minLength(1))),
  SESSION_JWT_KEY: z.optional(z.string()),
});

const config = () => loadConfig(linksConfig);

interface Salts {
  media: string;
  news: string;
}

let salts: Salts | undefined;
let loading: Promise<void> | undefined;

/** Resolves the salts once per execution environment. */
export function loadLinkSalts(): Promise<void> {
  loading ??= (async () => {
    const fromSecret = await readSecretJson(secrets.session);
    const settings = config();
    const sessionKey = fromSecret.SESSION_JWT_KEY ?? settings.SESSION_JWT_KEY;
    const derived = (purpose: string) => {
      if (!sessionKey) throw new ConfigError(['MEDIA_HASH_SALT, NEWS_HASH_SALT or SESSION_JWT_KEY is missing']);
      return createHmac('sha256', sessionKey).update(`penhas ${purpose} links`).digest('hex');
    };
    salts = {
      media: fromSecret.MEDIA_HASH_SALT ?? settings.MEDIA_HASH_SALT ?? derived('media'),
      news: fromSecret.NEWS_HASH_SALT ?? settings.NEWS_HASH_SALT ?? derived('news'),
    };
  })().catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

function loaded(): Salts {
  if (!salts) throw new Error('link salts used before loadLinkSalts() resolved');
  return salts;
}

const md5_12 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex').slice(0, 12);

/** The API's public base URL: the setting, else the host the request reached (API Gateway's `$default` stage has no prefix). */
export function publicBaseUrl(requestHost: string): string {
  const configured = config().PUBLIC_API_URL;
  if (configured) return configured.endsWith('/') ? configured : `${configured}/`;
  return `https://${requestHost}/`;
}

export type Quality = 'sd' | 'hd';

export const mediaHash = (viewerId: number, quality: string, ip: string): string => md5_12(`${loaded().media}${viewerId}${quality}${ip}`);

export function mediaUrl(base: string, mediaId: string, viewerId: number, quality: Quality, ip: string): string {
  return `${base}media-download?m=${mediaId}&q=${quality}&h=${mediaHash(viewerId, quality, ip)}`;
}

export const proxyHash = (href: string): string => md5_12(`${loaded().media}${href}`);

export const proxyImageUrl = (base: string, href: string): string => `${base}get-proxy?h=${proxyHash(href)}&href=${encodeURIComponent(href)}`;

export interface NewsLinkParts {
  uid: string;
  nid: string;
  /** Epoch seconds until which an opening is recorded. */
  u: string;
  t: string;
  url: string;
}

export const newsHash = (parts: NewsLinkParts): string => md5_12([loaded().news, parts.uid, parts.nid, parts.t, parts.u, parts.url].join(':'));

/** A tracked link to a news item for this viewer, valid for tracking for an hour. */
export function trackedNewsUrl(base: string, viewerId: number, newsId: number, url: string, now = Date.now()): string {
  const parts: NewsLinkParts = {
    uid: String(viewerId),
    nid: String(newsId),
    u: String(Math.floor(now / 1000) + 3600),
    t: randomBytes(3).toString('base64url').slice(0, 4),
    url,
  };
  return `${base}news-redirect?uid=${parts.uid}&nid=${parts.nid}&u=${parts.u}&t=${parts.t}&h=${newsHash(parts)}&url=${encodeURIComponent(url)}`;
}
