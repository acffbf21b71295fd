/**
 * The signed links the timeline hands out, as the original built them: media
 * downloads bound to the viewer, her quality choice and her address; news
 * links that go through `GET /news-redirect` (which records the opening); and
 * outside images through `GET /get-proxy`. Each carries the first 12 hex
 * digits of an MD5 over a salt and its parameters, so only links this service
 * made are honoured.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';

const linksConfig = z.object({
  /** Where the app reaches this API, ending in `/` (default: the host of the request). */
  PUBLIC_API_URL: z.optional(z.string()),
  MEDIA_HASH_SALT: z._default(z.string(), 'penhas-media'),
  NEWS_HASH_SALT: z._default(z.string(), 'penhas-news'),
});

const config = () => loadConfig(linksConfig);

const md5_12 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex').slice(0, 12);

/** The API's public base URL: the setting, else the host the request reached (API Gateway's `$default` stage has no prefix). */
export function publicBaseUrl(requestHost: string): string {
  const configured = config().PUBLIC_API_URL;
  if (configured) return configured.endsWith('/') ? configured : `${configured}/`;
  return `https://${requestHost}/`;
}

export type Quality = 'sd' | 'hd';

export const mediaHash = (viewerId: number, quality: string, ip: string): string => md5_12(`${config().MEDIA_HASH_SALT}${viewerId}${quality}${ip}`);

export function mediaUrl(base: string, mediaId: string, viewerId: number, quality: Quality, ip: string): string {
  return `${base}media-download?m=${mediaId}&q=${quality}&h=${mediaHash(viewerId, quality, ip)}`;
}

export const proxyHash = (href: string): string => md5_12(`${config().MEDIA_HASH_SALT}${href}`);

export const proxyImageUrl = (base: string, href: string): string => `${base}get-proxy?h=${proxyHash(href)}&href=${encodeURIComponent(href)}`;

export interface NewsLinkParts {
  uid: string;
  nid: string;
  /** Epoch seconds until which an opening is recorded. */
  u: string;
  t: string;
  url: string;
}

export const newsHash = (parts: NewsLinkParts): string => md5_12([config().NEWS_HASH_SALT, parts.uid, parts.nid, parts.t, parts.u, parts.url].join(':'));

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
