/** GET /me/geocode, counted per user. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { activeAccount } from '../accounts/session-auth.ts';
import { geocodeAddress } from './geocode.ts';
import { countGeocode } from './geocoding.ts';
import { myGeocodeRoute } from './points.route.ts';

export const handler = httpRoute(myGeocodeRoute, activeAccount, async ({ query, caller }) => {
  await countGeocode(`user:${caller.userId}`);
  return json(await geocodeAddress(query.address));
});
