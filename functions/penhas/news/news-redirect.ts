/** GET /news-redirect: records the opening of a news item and redirects to it. */
import { httpRoute } from '#shared/http/route';
import { empty } from '#shared/http/responses';
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { expiresAt } from '#shared/db/ttl';
import { badRequest, tooManyRequests } from '../errors.ts';
import { newsOpenedKey, rateKey } from '../keys.ts';
import { loadLinkSalts, newsHash } from '../timeline/links.ts';
import { newsRedirectRoute } from './news.route.ts';

/** Openings are kept a year (the original kept them for its reports). */
const OPENING_DAYS = 365;

export const handler = httpRoute(newsRedirectRoute, async ({ query, event }) => {
  // The original's limit on this public route: 3 requests every 10 seconds per address (IPv6 by its first 18 characters).
  await countRequest({
    limit: 3,
    windowSeconds: 10,
    counterKey: (windowStart) => rateKey('news-redirect', event.requestContext.http.sourceIp.slice(0, 18), windowStart),
    refuse: tooManyRequests,
  });
  await loadLinkSalts();
  if (query.h !== newsHash(query)) throw badRequest('hash_invalid', 'hash não confere.', 'h');
  const newsId = Number(query.nid);
  const userId = Number(query.uid);
  if (Number(query.u) >= Date.now() / 1000 && Number.isInteger(newsId) && Number.isInteger(userId)) {
    await table.put({
      ...newsOpenedKey(newsId, `${query.u}:${query.t}`, userId),
      track_id: `${query.u}:${query.t}`,
      cliente_id: userId,
      noticias_id: newsId,
      created_at: new Date().toISOString(),
      expiresAt: expiresAt(new Date(Date.now() + OPENING_DAYS * 86_400_000)),
    });
  }
  return empty(302, { location: query.url });
});
