/** GET /get-proxy: a news image fetched through this API, so the app always loads it over https. */
import { countRequest } from '#shared/db/counters';
import { httpRoute } from '#shared/http/route';
import { badRequest, tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { loadLinkSalts, proxyHash } from './links.ts';
import { getProxyRoute, PROXIED_TYPES } from './media.route.ts';

const MAX_BYTES = 4 * 1024 * 1024;
/** A 1×1 light grey PNG, shown when the source fails (the original's news.err.jpg stand-in). */
const PLACEHOLDER = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAG3ng2wAAAABJRU5ErkJggg==', 'base64');

const image = (bytes: Buffer, contentType: string, maxAge: number) => ({
  statusCode: 200,
  headers: { 'content-type': contentType, 'cache-control': `max-age=${maxAge}, must-revalidate` },
  body: bytes.toString('base64'),
  isBase64Encoded: true,
});

async function fetchImage(href: string): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  try {
    const response = await fetch(href, { signal: AbortSignal.timeout(10_000) });
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (response.status !== 200 || !(PROXIED_TYPES as readonly string[]).includes(contentType)) return undefined;
    const bytes = Buffer.from(await response.arrayBuffer());
    return bytes.length <= MAX_BYTES ? { bytes, contentType } : undefined;
  } catch {
    return undefined;
  }
}

export const handler = httpRoute(getProxyRoute, async ({ query, event }) => {
  await countRequest({
    limit: 180,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('get-proxy', event.requestContext.http.sourceIp.slice(0, 18), windowStart),
    refuse: tooManyRequests,
  });
  await loadLinkSalts();
  if (query.h !== proxyHash(query.href)) throw badRequest('media_hash_invalid', 'hash não confere.');
  if (!/^https?:\/\//i.test(query.href)) throw badRequest('media_hash_invalid', 'hash não confere.');
  const found = await fetchImage(query.href);
  return found ? image(found.bytes, found.contentType, 2_592_000) : image(PLACEHOLDER, 'image/png', 3600);
});
