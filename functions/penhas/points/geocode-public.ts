/** GET /geocode (public), counted per client address. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { geocodeAddress } from './geocode.ts';
import { countGeocode } from './geocoding.ts';
import { geocodeRoute } from './points.route.ts';

export const handler = httpRoute(geocodeRoute, async ({ query, event }) => {
  await countGeocode(`ip:${event.requestContext.http.sourceIp.slice(0, 18)}`);
  return json(await geocodeAddress(query.address));
});
