/**
 * GET /ponto-apoio-unlimited: the partner chatbot's search, every column of
 * each point, for whoever presents `PONTO_APOIO_SECRET` (unset: always refused).
 */
import { timingSafeEqual } from 'node:crypto';
import { batchGet } from '#shared/db/batch';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { badRequest, formError } from '../errors.ts';
import { pontoApoioKey } from '../keys.ts';
import { latitudeParam, longitudeParam, unlimitedSearchRoute } from './points.route.ts';
import type { PontoApoioItem } from './points.ts';
import { searchPoints } from './search.ts';
import * as z from 'zod/mini';

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const INTERNAL = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'contentVersion', 'avaliacao_soma', 'qtde_avaliacao', 'projetos', 'status']);

function required(query: Record<string, string | undefined>, field: string, schema: z.core.$ZodType): string {
  const value = query[field];
  if (value === undefined || value === '') throw formError(field, 'is_required', `Campos não foram preenchidos corretamente (${field})`);
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) throw formError(field, 'invalid', `Campos não foram preenchidos corretamente (${field})`);
  return value;
}

const integerText = z.string().check(z.regex(/^[-+]?\d{1,19}$/));

export const handler = httpRoute(unlimitedSearchRoute, async ({ query }) => {
  const secret = process.env.PONTO_APOIO_SECRET;
  if (!secret || !sameSecret(query.token, secret)) throw badRequest('token_invalid', 'invalid token', 'token');
  const latitude = required(query, 'latitude', latitudeParam());
  const longitude = required(query, 'longitude', longitudeParam());
  const maxDistance = Number(required(query, 'max_distance', integerText));
  const rows = Number(required(query, 'rows', integerText));
  const result = await searchPoints({ latitude, longitude, maxDistance, rows });
  const details = await batchGet<PontoApoioItem & Record<string, unknown>>(result.rows.map((row) => pontoApoioKey(row.id)));
  const byId = new Map(details.flatMap((d) => (d ? [[d.id, d] as const] : [])));
  const rowsWithColumns = result.rows.map((row) => {
    const columns = Object.fromEntries(Object.entries(byId.get(row.id) ?? {}).filter(([name]) => !INTERNAL.has(name)));
    return { ...columns, ...row };
  });
  return json({ ...result, rows: rowsWithColumns });
});
