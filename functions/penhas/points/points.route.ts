/**
 * The support-point routes (pontos de apoio), as the app and the public web
 * map call them: searches (public, and `/me` with her ratings and her CEP as
 * the fallback location), details, the auxiliary data of the filters and the
 * suggestion form, geocoding into a location token, ratings and suggestions.
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { activeAccountFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { integer, optionalText, text } from '../params.ts';
import { queues, secrets } from '../resources.ts';

const LATITUDE = /^(([-+]?(([1-8]?\d(\.\d+))+|90)))$/;
const LONGITUDE = /^([-+]?(180(\.0+)?|((1[0-7]\d)|([1-9]?\d))(\.\d+)?))$/;
const INT_LIST = /^[0-9]{1,6}(?:,[0-9]{1,6})*$/;

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });
/** Optional parameters as the original validated them: absent is fine, present and empty is `is_required`. */
const optional = <T extends z.core.$ZodType>(schema: T) => z.optional(schema);
const str = (max: number) => optional(text({ max }));
const int = () => optional(integer());
const bool = () => optional(text().check(invalidUnless((value) => value === '0' || value === '1')));
const optionalField = (max: number) => optionalText({ max });
const intField = () =>
  z.optional(
    z.string().check(
      z.maxLength(255),
      invalidUnless((value) => value === '' || /^[-+]?\d+$/.test(value)),
    ),
  );
/** A category id (the original stored whatever came and failed on an unknown one). */
const categoryParam = () => text({ max: 20 }).check(invalidUnless((value) => /^\d+$/.test(value)));
export const latitudeParam = () => text({ max: 20 }).check(invalidUnless((value) => LATITUDE.test(value)));
export const longitudeParam = () => text({ max: 20 }).check(invalidUnless((value) => LONGITUDE.test(value)));

/** The schema, with JSON Schema keywords its document carries beyond what zod states. */
function documented<T extends z.core.$ZodType>(schema: T, meta: z.core.GlobalMeta): T {
  z.globalRegistry.add(schema, meta);
  return schema;
}

const searchParams = z.object({
  latitude: optional(latitudeParam()),
  longitude: optional(longitudeParam()),
  location_token: str(9999),
  categorias: optional(text({ max: 2000 }).check(invalidUnless((value) => INT_LIST.test(value)))),
  projeto: str(200),
  rows: int(),
  max_distance: int(),
  next_page: str(9999),
  keywords: str(200),
  is_web: bool(),
  full_list: bool(),
  eh_24h: bool(),
  dias_funcionamento: str(99),
  as_csv: bool(),
  debug: int(),
});

/**
 * The public search needs a place: a position, a location token, or the web map's `is_web`/`as_csv`
 * (the document says so; the handler answers the original's errors when none is sent).
 */
const publicSearchParams = documented(z.clone(searchParams), {
  anyOf: [{ required: ['latitude', 'longitude'] }, { required: ['location_token'] }, { required: ['is_web'] }, { required: ['as_csv'] }],
});

const category = z.object({ id: z.number(), cor: z.nullable(z.string()), nome: z.nullable(z.string()) });

const listRow = z.object({
  id: z.number(),
  nome: z.string(),
  latitude: z.number(),
  longitude: z.number(),
  avaliacao: z.string(),
  uf: z.string(),
  abrangencia: z.string(),
  categoria: category,
  distancia: z.optional(z.string()),
  cliente_avaliacao: z.optional(z.nullable(z.number())),
});

const searchResult = (row: z.core.$ZodType) =>
  z.object({
    rows: z.array(row),
    has_more: z.union([z.literal(0), z.literal(1)]),
    next_page: z.nullable(z.string()),
    avaliacao_maxima: z.string(),
    latitude: z.nullable(z.string()),
    longitude: z.nullable(z.string()),
  });

/** The list as JSON, or with `as_csv=1` the CSV export (every matching point, every column). */
const listed = {
  description: 'Points; with `as_csv=1`, every matching point as a CSV download',
  mediaType: ['application/json', 'text/csv'],
  schema: z.union([searchResult(listRow), z.string()]),
};

const publicFailures = {
  400: failure('form_error (a parameter, `location_token`, `next_page`, `projeto` or `max_distance`); location_token: no location'),
  429: failure('too_many_requests: more than 30 searches a minute from this address'),
};

export const searchPointsRoute = penhasRoute({
  method: 'GET',
  path: '/pontos-de-apoio',
  auth: 'none',
  handler: 'functions/penhas/points/search-public.ts',
  access: { secrets: [secrets.session] },
  summary:
    'Support points near `latitude`/`longitude` (or a `location_token` from `/geocode`), nearest first, `rows` a page (`next_page`); national points always, regional ones of the place’s municipality; `full_list=1` or `max_distance=5000` lists every point in id order',
  request: { query: publicSearchParams },
  responses: { 200: listed, ...publicFailures },
});

export const searchMyPointsRoute = penhasRoute({
  method: 'GET',
  path: '/me/pontos-de-apoio',
  auth: 'api-key',
  handler: 'functions/penhas/points/search-me.ts',
  access: { secrets: [secrets.session, secrets.geocoding] },
  summary:
    'As `/pontos-de-apoio`, with her rating of each point (`cliente_avaliacao`); without a location, or from a place in no known municipality, the search starts at her CEP',
  request: { query: searchParams },
  responses: {
    200: listed,
    ...activeAccountFailures,
    400: failure('form_error; no-cep / no-gps: her CEP gives no location; expired_jwt'),
    429: failure('too_many_requests: more than 10 searches a minute (or 120 requests)'),
  },
});

const pointIdParam = z.object({ ponto_apoio_id: z.string() });
const pointIdFromPath: ObjectId[] = [{ object: 'support point', from: 'path', field: 'ponto_apoio_id', owner: 'public' }];

const detail = z.object({
  ponto_apoio: z.record(z.string(), z.unknown()),
  cliente_avaliacao: z.optional(z.nullable(z.number())),
  avaliacao_maxima: z.string(),
});

export const pointDetailRoute = penhasRoute({
  method: 'GET',
  path: '/pontos-de-apoio/{ponto_apoio_id}',
  auth: 'none',
  handler: 'functions/penhas/points/detail-public.ts',
  summary: 'One active support point: address, phones, hours, category, rating average',
  request: { params: pointIdParam },
  responses: {
    200: ok('The point', detail),
    400: failure('form_error: the id is not a number'),
    404: failure('item_not_found: no active point with this id'),
    429: failure('too_many_requests: more than 120 a minute or 1000 an hour from this address'),
  },
  objectIds: pointIdFromPath,
});

export const myPointDetailRoute = penhasRoute({
  method: 'GET',
  path: '/me/pontos-de-apoio/{ponto_apoio_id}',
  auth: 'api-key',
  handler: 'functions/penhas/points/detail-me.ts',
  summary: 'One active support point with her rating (`cliente_avaliacao`) and an HTML summary (`content_html`)',
  request: { params: pointIdParam },
  responses: {
    200: ok('The point', detail),
    ...activeAccountFailures,
    404: failure('item_not_found: no active point with this id; Page not found: the account is not active'),
  },
  objectIds: pointIdFromPath,
});

const option = z.object({ value: z.union([z.string(), z.number()]), name: z.string() });

export const auxiliaryDataRoute = penhasRoute({
  method: 'GET',
  path: '/pontos-de-apoio-dados-auxiliares',
  auth: 'none',
  handler: 'functions/penhas/points/auxiliary-data.ts',
  summary: 'The search filters (projects, categories, weekdays) and the fields of the short suggestion form',
  request: { query: z.object({ projeto: str(100) }) },
  responses: {
    200: ok(
      'Filters and fields',
      z.object({
        projetos: z.array(z.object({ id: z.number(), label: z.string() })),
        categorias: z.array(z.object({ id: z.number(), label: z.string() })),
        dias_funcionamento: z.array(z.object({ value: z.string(), label: z.string() })),
        fields: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            type: z.string(),
            required: z.union([z.literal(0), z.literal(1)]),
            max_length: z.optional(z.number()),
            options: z.optional(z.array(option)),
          }),
        ),
      }),
    ),
    400: failure('form_error: unknown `projeto`'),
    429: failure('too_many_requests: more than 30 a minute from this address'),
  },
});

export const unlimitedSearchRoute = penhasRoute({
  method: 'GET',
  path: '/ponto-apoio-unlimited',
  auth: 'none',
  handler: 'functions/penhas/points/search-unlimited.ts',
  access: { secrets: [secrets.session] },
  summary:
    'For the partner chatbot: a search with every column of each point, for whoever presents the `PONTO_APOIO_SECRET` token (none is set by default: always refused)',
  request: {
    query: z.object({
      token: text({ max: 100 }),
      latitude: z.optional(z.string()),
      longitude: z.optional(z.string()),
      max_distance: z.optional(z.string()),
      rows: z.optional(z.string()),
    }),
  },
  responses: {
    200: ok('Points, every column', searchResult(z.record(z.string(), z.unknown()))),
    400: failure('token_invalid: not the configured token; form_error'),
  },
});

const geocoded = z.object({ location_token: z.string(), label: z.string() });
const geocodeQuery = z.object({ address: str(200) });
/** An address is needed (without one the answer is `location_not_found`, as in the original). */
const publicGeocodeQuery = documented(z.clone(geocodeQuery), { anyOf: [{ required: ['address'] }] });

export const geocodeRoute = penhasRoute({
  method: 'GET',
  path: '/geocode',
  auth: 'none',
  handler: 'functions/penhas/points/geocode-public.ts',
  access: { secrets: [secrets.session, secrets.geocoding] },
  summary: 'An address (or CEP) as a `location_token` for the support-point search, and a readable label of the place found',
  request: { query: publicGeocodeQuery },
  responses: {
    200: ok('Found', geocoded),
    400: failure('location_not_found: Localização não encontrada!; form_error'),
    429: failure('too_many_requests: more than 200 an hour or 1000 a day from this address'),
  },
});

export const myGeocodeRoute = penhasRoute({
  method: 'GET',
  path: '/me/geocode',
  auth: 'api-key',
  handler: 'functions/penhas/points/geocode-me.ts',
  access: { secrets: [secrets.session, secrets.geocoding] },
  summary: 'As `/geocode`, counted per user (200 an hour, 1000 a day)',
  request: { query: geocodeQuery },
  responses: { 200: ok('Found', geocoded), ...activeAccountFailures, 400: failure('location_not_found; form_error; expired_jwt') },
});

export const ratePointRoute = penhasRoute({
  method: 'POST',
  path: '/me/avaliar-pontos-de-apoio',
  auth: 'api-key',
  handler: 'functions/penhas/points/rate-point.ts',
  summary: 'Rates a support point 0–5 (`rating`), replacing her previous rating, or removes it (`remove=1`)',
  request: {
    body: z.object({ ponto_apoio_id: integer(), remove: str(1), rating: z.optional(z.string()) }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: {
    204: noContent('Rated'),
    ...activeAccountFailures,
    400: failure('form_error: rating not 0–5 (field rating), unknown point (field ponto_apoio_id); expired_jwt'),
    409: failure('rating_changed: her rating kept changing under this request; try again'),
    429: failure('too_many_requests: more than 120 ratings an hour'),
  },
  objectIds: [{ object: 'support point', from: 'body', field: 'ponto_apoio_id', owner: 'public' }],
});

const received = z.object({ success: z.literal(1), message: z.string(), title: z.string(), id: z.number() });
const suggestionFailures = {
  ...activeAccountFailures,
  400: failure('form_error; endereco / telefone / parser_error / cep_invalid (short form); endereco_ou_cep: the short form is closed, update the app'),
  429: failure('too_many_requests: more than 120 suggestions an hour'),
};

export const suggestPointRoute = penhasRoute({
  method: 'POST',
  path: '/me/sugerir-pontos-de-apoio',
  auth: 'api-key',
  handler: 'functions/penhas/points/suggest-point.ts',
  access: { sendsTo: [queues.email] },
  summary: 'The short suggestion form (closed unless `ENABLE_OLD_PA_SUGG` is set, as in the original: it asks for an app update)',
  request: {
    body: z.object({
      endereco_ou_cep: optionalText({ max: 255 }),
      endereco: optionalText({ max: 255 }),
      cep: optionalText({ max: 255 }),
      telefone: optionalText({ max: 255 }),
      nome: text({ max: 255 }),
      categoria: categoryParam(),
      descricao_servico: text({ max: 9999 }),
    }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 200: ok('Received', received), ...suggestionFailures },
});

export const suggestPointCompleteRoute = penhasRoute({
  method: 'POST',
  path: '/me/sugerir-pontos-de-apoio-completo',
  auth: 'api-key',
  handler: 'functions/penhas/points/suggest-point-complete.ts',
  access: { sendsTo: [queues.email] },
  summary: 'The suggestion form the app sends: address, coverage, phones, hours; `eh_24h`/`has_whatsapp` or the app’s `is24h`/`hasWhatsapp` (Sim/Não)',
  request: {
    body: z.object({
      nome: text({ max: 255 }),
      categoria: categoryParam(),
      nome_logradouro: text({ max: 255 }),
      cep: optionalField(9),
      abrangencia: text({ max: 55 }),
      complemento: optionalField(255),
      numero: text({ max: 255 }),
      bairro: optionalField(255),
      municipio: text({ max: 255 }),
      uf: text({ max: 2 }),
      email: optionalField(255),
      horario: optionalField(255),
      ddd1: intField(),
      telefone1: intField(),
      ddd2: intField(),
      telefone2: intField(),
      eh_24h: optionalField(8),
      has_whatsapp: optionalField(8),
      is24h: optionalField(8),
      hasWhatsapp: optionalField(8),
      observacao: optionalField(9999),
    }),
    encodings: ['urlencoded'],
    mergeQuery: true,
  },
  responses: { 200: ok('Received', received), ...suggestionFailures },
});
