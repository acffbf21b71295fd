/**
 * The support-point search, with the original's rules:
 *   - national points are always listed (distance "0", first);
 *   - regional points are listed when they serve the municipality of the place
 *     searched from, or always when that municipality is unknown;
 *   - local points within `max_distance` km (default 50; the original's
 *     boundary, max_distance + 1 km less a metre), nearest first;
 *   - `full_list` (what the app sends) or `max_distance` 5000: every point,
 *     in id order, with no distance limit.
 * A logged-in user searching from a place in no known municipality is moved
 * to her CEP's location, as in the original.
 *
 * The index: local points are read from the geohash cells covering the
 * search circle (the finest cell length needing at most MAX_CELLS cells),
 * national and regional ones from their scope partitions; a circle needing
 * more cells than that at the coarsest length reads the whole list. Keyword,
 * category, project, 24 h and weekday filters, and the exact distance, are
 * applied to the entries read.
 */
import { badRequest } from '../errors.ts';
import { type Bounds, boxAround, cover, distanceKm } from './geohash.ts';
import { municipalityAt } from './municipalities.ts';
import { allEntries, entriesInCell, entriesOfScope, type PaEntry, pointsMeta, type Categoria, type Projeto } from './points.ts';
import { PA_CELL_PRECISION } from '../keys.ts';
import { keywordStems, matchesKeywords } from './text.ts';
import { nextPageToken, offsetOf } from './tokens.ts';

/** At most this many geohash cells (one Query each) for the local points of a search. */
export const MAX_CELLS = 12;
const FINEST_CELL = 6;
const DEFAULT_ROWS = 100;
const NATIONAL_DISTANCE = -0.0001;

export interface SearchOptions {
  latitude?: string;
  longitude?: string;
  categorias?: number[];
  projeto?: string;
  rows?: number;
  maxDistance?: number;
  nextPage?: string;
  keywords?: string;
  fullList?: boolean;
  eh24h?: boolean;
  diasFuncionamento?: string;
  /** The caller's ratings by point id, for `/me` searches. */
  ratings?: Map<number, number>;
  /** Where a logged-in user is when the place is in no known municipality (her CEP's location). */
  fallbackLocation?: () => Promise<[string, string]>;
}

export interface PaRow {
  id: number;
  nome: string;
  latitude: number;
  longitude: number;
  avaliacao: string;
  uf: string;
  abrangencia: string;
  categoria: { id: number; cor: string | null; nome: string | null };
  distancia?: string;
  cliente_avaliacao?: number | null;
}

export interface SearchResult {
  rows: PaRow[];
  has_more: 0 | 1;
  next_page: string | null;
  avaliacao_maxima: '5';
  latitude: string | null;
  longitude: string | null;
}

/** The cells covering a circle: the finest length within MAX_CELLS, or undefined when even the coarsest needs more. */
export function cellsFor(box: Bounds): string[] | undefined {
  for (let precision = FINEST_CELL; precision >= PA_CELL_PRECISION; precision--) {
    const cells = cover(box, precision, MAX_CELLS);
    if (cells) return cells;
  }
  return undefined;
}

/** `4,2` from 4.164 (one decimal, a comma), `n/a` when nobody rated. */
export function formatRating(totals: { avaliacao_soma: number; qtde_avaliacao: number }): string {
  if (!totals.qtde_avaliacao) return 'n/a';
  return (totals.avaliacao_soma / totals.qtde_avaliacao).toFixed(1).replace('.', ',');
}

export async function searchPoints(options: SearchOptions): Promise<SearchResult> {
  let latitude = options.latitude;
  let longitude = options.longitude;
  const stems = keywordStems((options.keywords ?? '').trim());
  let maxDistance = options.maxDistance || 50;

  const meta = await pointsMeta();
  // Without a project named, a deployment may pin one (the original's web map did, with FILTER_PONTO_APOIO_PROJETO_WEB).
  const pinned = Number(process.env.FILTER_PONTO_APOIO_PROJETO_WEB) || undefined;
  const projectId = options.projeto ? projectByLabel(meta.projetos, options.projeto) : pinned;

  if (maxDistance > 5000) throw badRequest('form_error', 'Distância precisa ser menor que 5000km', 'max_distance');
  if (maxDistance < 1) throw badRequest('form_error', 'Distância precisa ser maior que 1km', 'max_distance');

  let offset = 0;
  if (options.nextPage) {
    const decoded = await offsetOf(options.nextPage);
    if (decoded === undefined) throw badRequest('form_error', 'next_page');
    offset = decoded;
  }

  let rows = options.rows || DEFAULT_ROWS;
  if (rows > 5000 || rows < 3) rows = DEFAULT_ROWS;
  if (options.fullList) {
    rows = -1;
    maxDistance = 5000;
  }
  if (maxDistance === 5000) rows = -1;

  let userCodIbge = -1;
  if (latitude !== undefined && longitude !== undefined && !options.fullList) {
    let found = await municipalityAt(Number(latitude), Number(longitude));
    if (found === undefined && options.fallbackLocation) {
      [latitude, longitude] = await options.fallbackLocation();
      found = await municipalityAt(Number(latitude), Number(longitude));
    }
    userCodIbge = found ?? -1;
  }

  const position = latitude !== undefined && longitude !== undefined ? { lat: Number(latitude), lng: Number(longitude) } : undefined;
  // The original's ST_DWithin bound: (max_distance + 1) km less a metre.
  const radiusKm = maxDistance + 1 - 0.001;
  const limited = position !== undefined && maxDistance < 5000;
  const entries = limited ? await entriesNear(position, radiusKm, userCodIbge) : await allEntries();

  const categories = new Map(meta.categorias.map((c) => [c.id, c]));
  const filters = pointFilters({ ...options, projectId, stems });
  const matching: { entry: PaEntry; distance?: number }[] = [];
  for (const entry of entries) {
    if (!filters(entry)) continue;
    const distance =
      position && (entry.abrangencia === 'Nacional' ? NATIONAL_DISTANCE : distanceKm(position.lat, position.lng, entry.latitude, entry.longitude));
    if (limited && distance !== undefined) {
      if (entry.abrangencia === 'Regional' && !(entry.cod_ibge === userCodIbge || userCodIbge === -1)) continue;
      if (entry.abrangencia === 'Local' && distance > radiusKm) continue;
    }
    matching.push({ entry, distance });
  }

  if (rows === -1) matching.sort((a, b) => a.entry.id - b.entry.id);
  else matching.sort((a, b) => (a.distance ?? 0) - (b.distance ?? 0) || a.entry.id - b.entry.id);

  const page = rows === -1 ? matching : matching.slice(offset, offset + rows + 1);
  const hasMore = rows !== -1 && page.length > rows;
  if (hasMore) page.pop();
  const withDistance = rows > 0 || options.fullList === true;

  return {
    rows: page.map(({ entry, distance }) => listRow(entry, categories.get(entry.categoria), withDistance ? distance : undefined, options.ratings)),
    has_more: hasMore ? 1 : 0,
    next_page: hasMore ? await nextPageToken(offset + page.length) : null,
    avaliacao_maxima: '5',
    latitude: latitude ?? null,
    longitude: longitude ?? null,
  };
}

/** The entries a limited search needs: local ones in the covering cells, national ones, regional ones of the municipality (all when unknown). */
async function entriesNear(position: { lat: number; lng: number }, radiusKm: number, codIbge: number): Promise<PaEntry[]> {
  const cells = cellsFor(boxAround(position.lat, position.lng, radiusKm));
  if (!cells) return allEntries();
  const scopes = [entriesOfScope('Nacional'), entriesOfScope('Regional', codIbge === -1 ? undefined : codIbge)];
  const found = await Promise.all([...cells.map(entriesInCell), ...scopes]);
  return found.flat();
}

/** The filters every listing applies: active, categories, project, 24 h, weekdays, keywords. */
export function pointFilters(options: {
  categorias?: number[];
  projectId?: number;
  eh24h?: boolean;
  diasFuncionamento?: string;
  stems: readonly string[];
}): (entry: PaEntry) => boolean {
  const wanted = options.categorias ? new Set(options.categorias) : undefined;
  return (entry) =>
    entry.status === 'active' &&
    (!wanted || wanted.has(entry.categoria)) &&
    (options.projectId === undefined || (entry.projetos ?? []).includes(options.projectId)) &&
    (options.eh24h === undefined || entry.eh_24h === (options.eh24h ? 1 : 0)) &&
    (options.diasFuncionamento === undefined || entry.dias_funcionamento === options.diasFuncionamento) &&
    matchesKeywords(entry.index ?? '', options.stems);
}

export function projectByLabel(projetos: readonly Projeto[], label: string): number {
  const projeto = projetos.find((p) => p.label === label);
  if (!projeto) throw badRequest('form_error', 'Não encontrado', 'projeto');
  return projeto.id;
}

function listRow(entry: PaEntry, categoria: Categoria | undefined, distance: number | undefined, ratings?: Map<number, number>): PaRow {
  return {
    id: entry.id,
    nome: entry.nome,
    latitude: entry.latitude,
    longitude: entry.longitude,
    avaliacao: formatRating(entry),
    uf: entry.uf,
    abrangencia: entry.abrangencia,
    categoria: { id: entry.categoria, cor: categoria?.color ?? null, nome: categoria?.label ?? null },
    ...(distance === undefined ? {} : { distancia: `${entry.abrangencia === 'Regional' ? 'Regional - ' : ''}${String(Math.trunc(distance) || 0)}` }),
    ...(ratings ? { cliente_avaliacao: ratings.get(entry.id) ?? null } : {}),
  };
}
