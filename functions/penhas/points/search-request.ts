/**
 * From a search's parameters to the search: the position (from a location
 * token, the parameters, or for a logged-in user her CEP), as the original
 * worked it out, and the request limits of each route.
 */
import { countRequest } from '#shared/db/counters';
import type { UserRecord } from '../accounts/users.ts';
import { badRequest, formError, tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { userCepLocation } from './geocoding.ts';
import { ratingsOf } from './ratings.ts';
import type { HttpResult } from '#shared/http/responses';
import { pointsCsv } from './csv.ts';
import { type SearchResult, searchPoints } from './search.ts';
import { locationOf } from './tokens.ts';

export interface SearchParams {
  latitude?: string;
  longitude?: string;
  location_token?: string;
  categorias?: string;
  projeto?: string;
  rows?: string;
  max_distance?: string;
  next_page?: string;
  keywords?: string;
  is_web?: string;
  full_list?: string;
  eh_24h?: string;
  dias_funcionamento?: string;
  as_csv?: string;
}

/** Perl's falsehood of a parameter: absent, empty or "0". */
const perlFalse = (value: string | undefined) => !value || value === '0';
const flag = (value: string | undefined) => (value === undefined ? undefined : value === '1');
const int = (value: string | undefined) => (value === undefined ? undefined : Number.parseInt(value, 10));

/** Runs a search for an anonymous visitor (no user) or for her. */
export async function search(params: SearchParams, user?: UserRecord): Promise<SearchResult> {
  let latitude: string | undefined;
  let longitude: string | undefined;
  const isWeb = flag(params.is_web) || flag(params.as_csv);
  if (params.location_token) {
    const latlng = await locationOf(params.location_token);
    if (!latlng) throw badRequest('form_error', 'location_token');
    [latitude, longitude] = latlng.split(',');
  } else {
    latitude = params.latitude;
    longitude = params.longitude;
    if (!user && !isWeb) {
      if (latitude === undefined) throw formError('latitude', 'is_required', 'Campos não foram preenchidos corretamente (latitude)');
      if (longitude === undefined) throw formError('longitude', 'is_required', 'Campos não foram preenchidos corretamente (longitude)');
    }
  }
  if ((perlFalse(latitude) || perlFalse(longitude)) && !isWeb) {
    if (!user) throw badRequest('location_token', 'é necessário localização');
    [latitude, longitude] = await userCepLocation(user);
  }
  if (perlFalse(latitude) || perlFalse(longitude)) [latitude, longitude] = [undefined, undefined];

  return searchPoints({
    latitude,
    longitude,
    categorias: params.categorias?.split(',').map(Number),
    projeto: params.projeto,
    rows: int(params.rows),
    maxDistance: int(params.max_distance),
    nextPage: params.next_page,
    keywords: params.keywords,
    fullList: flag(params.full_list),
    eh24h: flag(params.eh_24h),
    diasFuncionamento: params.dias_funcionamento,
    ...(user ? { ratings: await ratingsOf(user.id), fallbackLocation: () => userCepLocation(user) } : {}),
  });
}

/** `as_csv=1`: the CSV export, as a download named for the day (São Paulo time). */
export async function csvExport(params: SearchParams): Promise<HttpResult | undefined> {
  if (!flag(params.as_csv)) return undefined;
  const csv = await pointsCsv({
    categorias: params.categorias?.split(',').map(Number),
    projeto: params.projeto,
    keywords: params.keywords,
    eh24h: flag(params.eh_24h),
    diasFuncionamento: params.dias_funcionamento,
  });
  const [year, month, day] = new Date(Date.now() - 3 * 3600 * 1000).toISOString().slice(0, 10).split('-');
  return {
    statusCode: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="lista-pontos-apoios-${day}-${month}-${year}.csv"` },
    body: csv,
  };
}

/** The public search: 30 a minute per client address (an IPv6 address by its first 18 characters). */
export const countPublicSearch = (sourceIp: string) =>
  countRequest({ limit: 30, windowSeconds: 60, counterKey: (start) => rateKey('pa_list', sourceIp.slice(0, 18), start), refuse: tooManyRequests });

/** Her searches: 10 a minute. */
export const countUserSearch = (userId: number) =>
  countRequest({ limit: 10, windowSeconds: 60, counterKey: (start) => rateKey('pa_list_user', String(userId), start), refuse: tooManyRequests });
