/**
 * Which municipality (IBGE code) holds a place: the original asked PostGIS
 * for the municipality polygon intersecting the point. Here each municipality
 * outline is stored once per geohash cell its bounding box touches, so the
 * lookup is one Query of the place's cell and a point-in-polygon test on the
 * few outlines found. A place in no known municipality has none (the
 * original's -1: regional points are then listed whatever their city).
 */
import * as table from '#shared/db/table';
import { municipalityCellKey, PA_CELL_PRECISION } from '../keys.ts';
import { cover, encode } from './geohash.ts';

export interface Municipality {
  cod_ibge: number;
  nome: string;
  uf: string;
  /** The outline, `[longitude, latitude]` pairs, first and last not repeated. */
  outline: [number, number][];
}

/** Ray casting: whether the point is inside the outline (points on an edge may go either way). */
export function contains(outline: readonly [number, number][], lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i];
    const [xj, yj] = outline[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The items of one municipality: one per geohash cell its bounding box touches. */
export function municipalityItems(municipality: Municipality) {
  const lngs = municipality.outline.map(([lng]) => lng);
  const lats = municipality.outline.map(([, lat]) => lat);
  const cells =
    cover({ minLat: Math.min(...lats), maxLat: Math.max(...lats), minLng: Math.min(...lngs), maxLng: Math.max(...lngs) }, PA_CELL_PRECISION, 64) ?? [];
  return cells.map((cell) => ({ ...municipalityCellKey(cell, municipality.cod_ibge), ...municipality }));
}

/** The IBGE code of the municipality holding the place, if one is known. */
export async function municipalityAt(lat: number, lng: number): Promise<number | undefined> {
  const cell = encode(lat, lng, PA_CELL_PRECISION);
  const { items } = await table.query<Municipality>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': municipalityCellKey(cell, 0).pk },
  });
  return items.find((m) => contains(m.outline, lat, lng))?.cod_ibge;
}
