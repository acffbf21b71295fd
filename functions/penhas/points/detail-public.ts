/** GET /pontos-de-apoio/{ponto_apoio_id} */
import { countRequest } from '#shared/db/counters';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { pointDetail } from './detail.ts';
import { pointDetailRoute } from './points.route.ts';

export const handler = httpRoute(pointDetailRoute, async ({ params, event }) => {
  const subject = event.requestContext.http.sourceIp.slice(0, 18);
  await countRequest({ limit: 120, windowSeconds: 60, counterKey: (start) => rateKey('pa', subject, start), refuse: tooManyRequests });
  await countRequest({ limit: 1000, windowSeconds: 3600, counterKey: (start) => rateKey('hpa', subject, start), refuse: tooManyRequests });
  return json(await pointDetail(params.ponto_apoio_id));
});
