/**
 * What the anonymous questionnaire's CEP question finds (the original's
 * `process_cep_address_lookup` with `anon_ponto_apoio_json`): the CEP geocoded,
 * the place's name, and the three nearest support points within 50 km, one
 * line each, as the questionnaire then shows them.
 */
import { geocodeCached, reverseGeocodeCached } from '../points/geocoding.ts';
import { getPoint, type PontoApoio } from '../points/points.ts';
import { searchPoints } from '../points/search.ts';
import type { CepLookup } from './engine.ts';

const RESULTS = 3;
const MAX_DISTANCE_KM = 50;

/** The line the questionnaire shows for a point: name, category, phones, address. */
export function describePoint(
  point: Pick<PontoApoio, 'nome' | 'ddd' | 'telefone1' | 'telefone2' | 'tipo_logradouro' | 'nome_logradouro' | 'numero'>,
  category: string | null | undefined,
): string {
  let line = point.nome;
  if (category) line += ` ${category}`;
  if (point.ddd && point.telefone1) {
    line += ` telefone +55${point.ddd}${point.telefone1}`;
    if (point.telefone2) line += ` e +55${point.ddd}${point.telefone2}`;
  }
  if (point.tipo_logradouro && point.nome_logradouro) {
    line += ` localizado na ${point.tipo_logradouro} ${point.nome_logradouro}`;
    line += point.numero !== null && point.numero !== undefined ? `, ${point.numero}` : ' sem número';
  }
  return line;
}

/** The CEP's place and nearest points; undefined when the CEP has no location. */
export async function lookUpCep(cep: string): Promise<CepLookup | undefined> {
  const latlng = await geocodeCached(cep);
  if (!latlng) return undefined;
  const [latitude, longitude] = latlng.split(',');
  const [label, found] = await Promise.all([reverseGeocodeCached(latlng), searchPoints({ latitude, longitude, maxDistance: MAX_DISTANCE_KM, rows: RESULTS })]);
  const rows = found.rows.slice(0, RESULTS);
  const points = await Promise.all(rows.map((row) => getPoint(row.id)));
  const results = rows.flatMap((row, i) => {
    const point = points[i];
    return point ? [describePoint(point, row.categoria.nome)] : [];
  });
  return { latlng, ...(label ? { label } : {}), results };
}
