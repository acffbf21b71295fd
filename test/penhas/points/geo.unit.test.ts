/** The support-point index's geometry: geohash cells, their cover of a search circle, distances, municipality outlines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxAround, bounds, cover, distanceKm, encode } from '../../../functions/penhas/points/geohash.ts';
import { contains } from '../../../functions/penhas/points/municipalities.ts';
import { cellsFor, formatRating, MAX_CELLS } from '../../../functions/penhas/points/search.ts';
import { keywordStems, matchesKeywords } from '../../../functions/penhas/points/text.ts';
import { MUNICIPALITIES } from '../../../functions/penhas/content/points/municipalities.ts';

const latitude = fc.double({ min: -89.9, max: 89.9, noNaN: true });
const longitude = fc.double({ min: -179.9, max: 179.9, noNaN: true });
// Brazil and its surroundings: where searches happen.
const brLat = fc.double({ min: -33, max: 5, noNaN: true });
const brLng = fc.double({ min: -73, max: -34, noNaN: true });

describe('geohash encode', () => {
  it('gives the published hashes', () => {
    expect(encode(57.64911, 10.40744, 11)).toBe('u4pruydqqvj');
    expect(encode(-23.55, -46.63, 5)).toBe('6gyf4');
  });

  it('names a cell holding the position, and each prefix is the coarser cell', () => {
    fc.assert(
      fc.property(latitude, longitude, fc.integer({ min: 1, max: 10 }), (lat, lng, precision) => {
        const hash = encode(lat, lng, precision);
        const box = bounds(hash);
        expect(lat >= box.minLat && lat <= box.maxLat && lng >= box.minLng && lng <= box.maxLng).toBe(true);
        expect(encode(lat, lng, precision + 2).startsWith(hash)).toBe(true);
      }),
    );
  });
});

describe('cover', () => {
  it('covers every point of the box with at most the cells allowed', () => {
    fc.assert(
      fc.property(
        brLat,
        brLng,
        fc.double({ min: 0.5, max: 120, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lng, radius, u, v) => {
          const box = boxAround(lat, lng, radius);
          const cells = cellsFor(box);
          if (!cells) return;
          expect(cells.length).toBeLessThanOrEqual(MAX_CELLS);
          const inside = { lat: box.minLat + u * (box.maxLat - box.minLat), lng: box.minLng + v * (box.maxLng - box.minLng) };
          expect(cells.some((cell) => encode(inside.lat, inside.lng, cell.length) === cell)).toBe(true);
        },
      ),
    );
  });

  it('refuses a box needing more cells than the limit', () => {
    expect(cover(boxAround(-23.5, -46.6, 1000), 3, 12)).toBeUndefined();
  });

  it('answers within the limit for the default 50 km search, and with fine cells for a short one', () => {
    expect(cellsFor(boxAround(-23.58, -46.63, 51))?.length).toBeLessThanOrEqual(MAX_CELLS);
    expect(cellsFor(boxAround(-23.58, -46.63, 2))?.[0].length).toBeGreaterThanOrEqual(5);
  });
});

describe('boxAround', () => {
  it('holds every point within the radius', () => {
    fc.assert(
      fc.property(
        brLat,
        brLng,
        fc.double({ min: 0.5, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lng, radius, bearing, fraction) => {
          const box = boxAround(lat, lng, radius);
          // A point at `fraction` of the radius along `bearing` (small-distance approximation, then checked exactly).
          const d = (radius * fraction) / 6371.0088;
          const lat2 = Math.asin(Math.sin((lat * Math.PI) / 180) * Math.cos(d) + Math.cos((lat * Math.PI) / 180) * Math.sin(d) * Math.cos(bearing));
          const lng2 =
            (lng * Math.PI) / 180 +
            Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos((lat * Math.PI) / 180), Math.cos(d) - Math.sin((lat * Math.PI) / 180) * Math.sin(lat2));
          const p = { lat: (lat2 * 180) / Math.PI, lng: (lng2 * 180) / Math.PI };
          if (distanceKm(lat, lng, p.lat, p.lng) > radius) return;
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat - 1e-9);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat + 1e-9);
          expect(p.lng).toBeGreaterThanOrEqual(box.minLng - 1e-9);
          expect(p.lng).toBeLessThanOrEqual(box.maxLng + 1e-9);
        },
      ),
    );
  });
});

describe('distanceKm', () => {
  it('gives the original test’s distances (whole km) from Vila Mariana', () => {
    const from = [-23.589893, -46.633462] as const;
    expect(Math.trunc(distanceKm(...from, -23.581986, -46.638586))).toBe(1);
    expect(Math.trunc(distanceKm(...from, -23.571867, -46.645901))).toBe(2);
    expect(Math.trunc(distanceKm(...from, -23.560311, -46.658802))).toBe(4);
  });

  it('is symmetric and zero at the same place', () => {
    fc.assert(
      fc.property(latitude, longitude, latitude, longitude, (a, b, c, d) => {
        expect(distanceKm(a, b, c, d)).toBeCloseTo(distanceKm(c, d, a, b), 9);
        expect(distanceKm(a, b, a, b)).toBe(0);
      }),
    );
  });
});

describe('municipality outlines', () => {
  const named = (nome: string) => MUNICIPALITIES.find((m) => m.nome === nome)!.outline;

  it('put landmarks in their own municipality only', () => {
    const se = [-23.55052, -46.633308] as const;
    const guarulhos = [-23.46278, -46.53333] as const;
    const osasco = [-23.53288, -46.7917] as const;
    expect(contains(named('São Paulo'), ...se)).toBe(true);
    expect(contains(named('Guarulhos'), ...se)).toBe(false);
    expect(contains(named('Guarulhos'), ...guarulhos)).toBe(true);
    expect(contains(named('São Paulo'), ...guarulhos)).toBe(false);
    expect(contains(named('Osasco'), ...osasco)).toBe(true);
    expect(contains(named('São Paulo'), ...osasco)).toBe(false);
  });
});

describe('keywords', () => {
  it('match without accents or case, plurals too, every keyword required', () => {
    const index = 'delegacia da mulher casa eliane de grammont vila clementino sao paulo';
    expect(matchesKeywords(index, keywordStems('Delegacías'))).toBe(true);
    expect(matchesKeywords(index, keywordStems('MULHERES São Paulo'))).toBe(true);
    expect(matchesKeywords(index, keywordStems('mulher recife'))).toBe(false);
    expect(matchesKeywords(index, keywordStems('de da'))).toBe(true);
  });
});

describe('formatRating', () => {
  it('rounds to one decimal with a comma, n/a when unrated', () => {
    expect(formatRating({ avaliacao_soma: 41.64, qtde_avaliacao: 10 })).toBe('4,2');
    expect(formatRating({ avaliacao_soma: 0, qtde_avaliacao: 0 })).toBe('n/a');
    expect(formatRating({ avaliacao_soma: 0, qtde_avaliacao: 1 })).toBe('0,0');
  });
});
