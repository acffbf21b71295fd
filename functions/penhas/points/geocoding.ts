/**
 * The geocoding port: an address to `"lat,lng"`, and a `"lat,lng"` to a
 * readable label. The real adapter is Google's Geocoding API (as the
 * original's default), at `GEOCODING_URL` (locally the runtime's stand-in),
 * with the key `GOOGLE_GEOCODE_API` from the `geocoding` secret. Answers are
 * cached in the table for 30 days (a miss for an hour), keyed as the original
 * keyed them: the trimmed lowercase address; the position rounded to about a
 * metre.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import { countRequest } from '#shared/db/counters';
import * as table from '#shared/db/table';
import { expiresAt, isLive } from '#shared/db/ttl';
import { logger } from '#shared/observability/logger';
import { readSecretJson } from '#shared/secrets';
import { badRequest, tooManyRequests } from '../errors.ts';
import { geocodeCacheKey, rateKey } from '../keys.ts';
import { secrets } from '../resources.ts';

export interface Geocoder {
  /** `"lat,lng"` of the address, or undefined when the provider finds nothing (or fails). */
  geocode(address: string): Promise<string | undefined>;
  /** A label of the place at `"lat,lng"`, or undefined. */
  reverse(latlng: string): Promise<string | undefined>;
}

const TIMEOUT_MS = 8000;
const HIT_SECONDS = 30 * 24 * 3600;
const MISS_SECONDS = 3600;

const googleConfig = z.object({ GEOCODING_URL: z._default(z.url(), 'https://maps.googleapis.com'), GOOGLE_GEOCODE_API: z.optional(z.string()) });
const googleReply = z.object({
  status: z.optional(z.string()),
  results: z.optional(
    z.array(
      z.object({ formatted_address: z.optional(z.string()), geometry: z.optional(z.object({ location: z.object({ lat: z.number(), lng: z.number() }) })) }),
    ),
  ),
});

let apiKey: Promise<string | undefined> | undefined;
const keyOf = () => {
  apiKey ??= readSecretJson(secrets.geocoding)
    .then((secret) => secret.GOOGLE_GEOCODE_API ?? loadConfig(googleConfig).GOOGLE_GEOCODE_API)
    .catch((error) => {
      apiKey = undefined;
      throw error;
    });
  return apiKey;
};

async function askGoogle(query: Record<string, string>): Promise<z.infer<typeof googleReply> | undefined> {
  const base = loadConfig(googleConfig).GEOCODING_URL.replace(/\/$/, '');
  const params = new URLSearchParams({ ...query, language: 'pt-br' });
  const key = await keyOf();
  if (key) params.set('key', key);
  try {
    const response = await fetch(`${base}/maps/api/geocode/json?${params}`, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const reply = z.safeParse(googleReply, await response.json());
    if (!response.ok || !reply.success) {
      logger.warn('geocoding failed', { status: response.status });
      return undefined;
    }
    if (reply.data.status !== 'OK' && reply.data.status !== 'ZERO_RESULTS') logger.warn('geocoding refused', { providerStatus: reply.data.status });
    return reply.data;
  } catch (error) {
    logger.warn('geocoding failed', { errorName: (error as Error).name });
    return undefined;
  }
}

export const googleGeocoder: Geocoder = {
  async geocode(address) {
    const location = (await askGoogle({ address }))?.results?.[0]?.geometry?.location;
    return location ? `${location.lat},${location.lng}` : undefined;
  },
  async reverse(latlng) {
    return (await askGoogle({ latlng }))?.results?.[0]?.formatted_address || undefined;
  },
};

/** The original's rounding of a coordinate for the reverse cache: down to a multiple of 0.00009° (about 10 m). */
export function truncToMeter(value: number): number {
  const step = 0.00009;
  return Number((step * Math.ceil((value - 0.50000000000008 * step) / step)).toPrecision(15));
}

async function cached(kind: 'forward' | 'reverse', query: string, ask: () => Promise<string | undefined>): Promise<string> {
  const key = geocodeCacheKey(kind, query);
  const hit = await table.get<{ value: string; expiresAt: number }>(key);
  if (hit && isLive(hit)) return hit.value;
  const value = (await ask()) ?? '';
  await table.put({ ...key, value, expiresAt: expiresAt(new Date(Date.now() + (value ? HIT_SECONDS : MISS_SECONDS) * 1000)) });
  return value;
}

/** `"lat,lng"` of an address, `''` when unknown; cached. */
export function geocodeCached(address: string, geocoder: Geocoder = googleGeocoder): Promise<string> {
  const query = address.trim().toLowerCase();
  if (!query) return Promise.resolve('');
  return cached('forward', query, () => geocoder.geocode(query));
}

/** The label of a position, `''` when unknown; cached by the position rounded to about 10 m. */
export function reverseGeocodeCached(latlng: string, geocoder: Geocoder = googleGeocoder): Promise<string> {
  const [lat, lng] = latlng.split(',').map(Number);
  return cached('reverse', `${truncToMeter(lat)},${truncToMeter(lng)}`, () => geocoder.reverse(latlng));
}

/** Where the user's CEP is (`[lat, lng]`), as the original found it: `"<cep 00000-000> brasil"` geocoded. */
export async function userCepLocation(user: { cep?: string | null }): Promise<[string, string]> {
  const digits = (user.cep ?? '').replace(/\D/g, '');
  if (digits.length !== 8) throw badRequest('no-cep', 'CEP da conta não é válido!');
  const cep = `${digits.slice(0, 5)}-${digits.slice(5)}`;
  const latlng = await geocodeCached(`${cep} brasil`);
  if (!latlng) {
    throw badRequest('no-gps', `Não foi possível encontrar sua localização através do CEP ${cep}, tente novamente mais tarde ou ative a localização`);
  }
  const [lat, lng] = latlng.split(',');
  return [lat, lng];
}

/** The geocode routes' limits: 1000 a day and 200 an hour, per user or per client address. */
export async function countGeocode(subject: string): Promise<void> {
  await countRequest({ limit: 1000, windowSeconds: 86_400, counterKey: (start) => rateKey('geocode-day', subject, start), refuse: tooManyRequests });
  await countRequest({ limit: 200, windowSeconds: 3600, counterKey: (start) => rateKey('geocode-hour', subject, start), refuse: tooManyRequests });
}
