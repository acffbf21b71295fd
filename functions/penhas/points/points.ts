/**
 * Support points (pontos de apoio) as stored. Each point is two items: the
 * whole point (detail, rating totals) and a small list entry holding what a
 * search filters and lists. List entries live in 8 `PA_LIST` shards (the full
 * list reads them in parallel) and are indexed on gsi1: a local point by the
 * geohash cell it lies in, a national or regional one in its scope's
 * partition (they are listed whatever the distance). Categories and projects
 * are content (`PA_META`). See keys.ts for the access patterns.
 */
import { batchWrite } from '#shared/db/batch';
import * as table from '#shared/db/table';
import {
  PA_CELL_PRECISION,
  PA_LIST_SHARDS,
  PA_META_PARTITION,
  paCategoryKey,
  paCellPartition,
  paListKey,
  paListPartition,
  paProjectKey,
  paScopePartition,
  pontoApoioKey,
} from '../keys.ts';
import { encode } from './geohash.ts';
import { searchText } from './text.ts';

export type Abrangencia = 'Local' | 'Regional' | 'Nacional';
type Flag = 0 | 1;

/** A support point with the original's column names. */
export interface PontoApoio {
  id: number;
  /** Only `active` points are listed or shown. */
  status: 'active' | 'inactive';
  nome: string;
  sigla: string | null;
  natureza: string;
  categoria: number;
  descricao: string | null;
  tipo_logradouro: string;
  nome_logradouro: string;
  numero: number | null;
  numero_sem_numero: Flag;
  complemento: string | null;
  bairro: string;
  municipio: string;
  uf: string;
  cep: string;
  ddd: number | null;
  telefone1: number | null;
  telefone2: number | null;
  ramal1: number | null;
  ramal2: number | null;
  email: string | null;
  eh_24h: Flag;
  eh_whatsapp: Flag;
  horario_inicio: string | null;
  horario_fim: string | null;
  dias_funcionamento: string | null;
  eh_presencial: Flag;
  eh_online: Flag;
  funcionamento_pandemia: Flag;
  observacao_pandemia: string | null;
  ja_passou_por_moderacao: Flag;
  observacao: string | null;
  latitude: number;
  longitude: number;
  abrangencia: Abrangencia;
  /** The municipality (IBGE code) a regional point serves. */
  cod_ibge: number | null;
  /** Projects (`PontoApoioProjeto`) the point belongs to. */
  projetos: number[];
}

/** The rating totals, on both items; the average is computed when read. */
export interface RatingTotals {
  avaliacao_soma: number;
  qtde_avaliacao: number;
}

export interface PontoApoioItem extends PontoApoio, RatingTotals {}

/** A point's list entry: what searches filter on and what the list shows. */
export interface PaEntry extends RatingTotals {
  id: number;
  status: string;
  nome: string;
  latitude: number;
  longitude: number;
  uf: string;
  abrangencia: Abrangencia;
  categoria: number;
  cod_ibge: number | null;
  eh_24h: Flag;
  dias_funcionamento: string | null;
  projetos: number[];
  /** Lowercase, unaccented words of the point (the original's `index` column). */
  index: string;
}

export interface Categoria {
  id: number;
  label: string;
  color: string | null;
  status: 'prod' | 'test';
}

export interface Projeto {
  id: number;
  label: string;
  status: 'prod' | 'test';
}

/** Geohash length of the `gsi1sk` of local entries; finer cells are read by prefix. */
export const ENTRY_PRECISION = 9;

/** The index keys of a point's list entry. */
export function entryIndexKeys(point: Pick<PontoApoio, 'id' | 'abrangencia' | 'latitude' | 'longitude' | 'cod_ibge'>) {
  if (point.abrangencia === 'Local') {
    const hash = encode(point.latitude, point.longitude, ENTRY_PRECISION);
    return { gsi1pk: paCellPartition(hash.slice(0, PA_CELL_PRECISION)), gsi1sk: `${hash}#${point.id}` };
  }
  return { gsi1pk: paScopePartition(point.abrangencia), gsi1sk: `${point.cod_ibge ?? 0}#${point.id}` };
}

/** The words a keyword search looks in, as the original indexed them (category, name, address, CEP). */
export function indexText(point: PontoApoio, categoryLabel: string): string {
  const words = [categoryLabel, point.nome, point.sigla, point.descricao, point.municipio, point.nome_logradouro, point.bairro, point.uf, point.cep];
  let text = searchText(words.filter((w) => w).join(' '));
  if (/^\d{8}$/.test(point.cep)) text += ` ${point.cep.slice(0, 5)}-${point.cep.slice(5)}`;
  return text;
}

/** Both items of a point, rating totals included (zero for a new point). */
export function pointItems(point: PontoApoio, categoryLabel: string, totals: RatingTotals = { avaliacao_soma: 0, qtde_avaliacao: 0 }) {
  const detail = { ...pontoApoioKey(point.id), ...point, ...totals };
  const entry = {
    ...paListKey(point.id),
    ...entryIndexKeys(point),
    id: point.id,
    status: point.status,
    nome: point.nome,
    latitude: point.latitude,
    longitude: point.longitude,
    uf: point.uf,
    abrangencia: point.abrangencia,
    categoria: point.categoria,
    cod_ibge: point.cod_ibge,
    eh_24h: point.eh_24h,
    dias_funcionamento: point.dias_funcionamento,
    projetos: point.projetos,
    index: indexText(point, categoryLabel),
    ...totals,
  };
  return { detail, entry };
}

/** Writes points (both items each), 25 items a request: for the seed, tests and the benchmark. */
export async function writePoints(points: readonly PontoApoio[], categoryLabel: (id: number) => string): Promise<void> {
  const puts = points.flatMap((point) => {
    const { detail, entry } = pointItems(point, categoryLabel(point.categoria));
    return [detail, entry];
  });
  await batchWrite({ puts });
}

export const getPoint = (pointId: number) => table.get<PontoApoioItem>(pontoApoioKey(pointId));

/** Categories and projects, one Query of their partition. */
export async function pointsMeta(): Promise<{ categorias: Categoria[]; projetos: Projeto[] }> {
  const categorias: Categoria[] = [];
  const projetos: Projeto[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<Record<string, unknown>>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': PA_META_PARTITION },
      ExclusiveStartKey: startKey,
    });
    for (const item of page.items) {
      if (String(item.sk).startsWith('CATEGORIA#')) categorias.push(item as unknown as Categoria);
      else if (String(item.sk).startsWith('PROJETO#')) projetos.push(item as unknown as Projeto);
    }
    startKey = page.lastKey;
  } while (startKey);
  return { categorias, projetos };
}

export const categoryItem = (categoria: Categoria) => ({ ...paCategoryKey(categoria.id), ...categoria });
export const projectItem = (projeto: Projeto) => ({ ...paProjectKey(projeto.id), ...projeto });

const ENTRY_ATTRIBUTES = [
  'id',
  'status',
  'nome',
  'latitude',
  'longitude',
  'uf',
  'abrangencia',
  'categoria',
  'cod_ibge',
  'eh_24h',
  'dias_funcionamento',
  'projetos',
  'index',
  'avaliacao_soma',
  'qtde_avaliacao',
];
// Every name through a placeholder: several (`status`, `index`) are reserved words.
const PROJECTION = {
  ProjectionExpression: ENTRY_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(ENTRY_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
};

async function queryEntries(params: Omit<table.Query, 'ExclusiveStartKey'>): Promise<PaEntry[]> {
  const entries: PaEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.query<PaEntry>({ ...params, ...PROJECTION, ExclusiveStartKey: startKey });
    entries.push(...page.items);
    startKey = page.lastKey;
  } while (startKey);
  return entries;
}

/** The local entries in one geohash cell (of at least `PA_CELL_PRECISION` characters). */
export function entriesInCell(cell: string): Promise<PaEntry[]> {
  const partition = cell.slice(0, PA_CELL_PRECISION);
  if (cell.length === PA_CELL_PRECISION) {
    return queryEntries({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': paCellPartition(partition) } });
  }
  return queryEntries({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :cell)',
    ExpressionAttributeValues: { ':pk': paCellPartition(partition), ':cell': cell },
  });
}

/** National entries, or regional ones (of one municipality when its code is given). */
export function entriesOfScope(abrangencia: 'Nacional' | 'Regional', codIbge?: number): Promise<PaEntry[]> {
  if (codIbge === undefined) {
    return queryEntries({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': paScopePartition(abrangencia) } });
  }
  return queryEntries({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :cod)',
    ExpressionAttributeValues: { ':pk': paScopePartition(abrangencia), ':cod': `${codIbge}#` },
  });
}

/** Every entry, the shards read in parallel. */
function readAllEntries(): Promise<PaEntry[]> {
  return Promise.all(
    Array.from({ length: PA_LIST_SHARDS }, (_, shard) =>
      queryEntries({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': paListPartition(shard) } }),
    ),
  ).then((shards) => shards.flat());
}

let listCache: { readAt: number; entries: Promise<PaEntry[]> } | undefined;

/**
 * Every entry. The app asks for the full list each time it opens the map, so
 * an execution environment keeps the list for `PA_LIST_CACHE_SECONDS` (default
 * 60; 0 turns it off): a new point or rating average shows up to that much
 * later; her own ratings are always read fresh.
 */
export function allEntries(now = Date.now()): Promise<PaEntry[]> {
  const ttlMs = Number(process.env.PA_LIST_CACHE_SECONDS ?? 60) * 1000;
  if (ttlMs > 0 && listCache && now - listCache.readAt < ttlMs) return listCache.entries;
  const entries = readAllEntries();
  if (ttlMs > 0) {
    const cached = { readAt: now, entries };
    listCache = cached;
    entries.catch(() => {
      if (listCache === cached) listCache = undefined;
    });
  }
  return entries;
}
