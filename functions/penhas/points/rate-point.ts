/** POST /me/avaliar-pontos-de-apoio: her 0–5 rating of a point, or `remove=1`. */
import { countRequest } from '#shared/db/counters';
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { formError, tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { ratePointRoute } from './points.route.ts';
import { ratePoint } from './ratings.ts';

export const handler = httpRoute(ratePointRoute, activeAccount, async ({ body, caller }) => {
  await countRequest({ limit: 120, windowSeconds: 3600, counterKey: (start) => rateKey('pa_rating', String(caller.userId), start), refuse: tooManyRequests });
  let rating: number | undefined;
  if (!body.remove) {
    const value = body.rating;
    if (value === undefined || value === '') throw formError('rating', 'is_required', 'Campos não foram preenchidos corretamente (rating)');
    if (value.length > 2)
      throw formError('rating', 'invalid_max_length', `Campos não foram preenchidos corretamente (rating) máximo: 2 enviado: ${value.length}`);
    if (!/^[-+]?\d+$/.test(value)) throw formError('rating', 'invalid', 'Campos não foram preenchidos corretamente (rating)');
    rating = Number(value);
  }
  await ratePoint(caller.userId, Number(body.ponto_apoio_id), rating);
  return empty(204);
});
