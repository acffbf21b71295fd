/** `/geocode` and `/me/geocode`: an address as a location token and a label of the place. */
import { badRequest } from '../errors.ts';
import { geocodeCached, reverseGeocodeCached } from './geocoding.ts';
import { locationToken } from './tokens.ts';

export async function geocodeAddress(address: string | undefined): Promise<{ location_token: string; label: string }> {
  const latlng = await geocodeCached(address ?? '');
  if (!latlng) throw badRequest('location_not_found', 'Localização não encontrada!', 'address');
  const [token, label] = await Promise.all([locationToken(latlng), reverseGeocodeCached(latlng)]);
  return { location_token: token, label };
}
