/**
 * Geohash (base32, interleaved longitude/latitude bits) and great-circle
 * distance: the support-point index keys points by geohash prefix and a search
 * reads the cells covering its circle. Written here rather than taken from a
 * package: the encoder and the cell cover are a few dozen lines, the npm
 * geohash packages are unmaintained or untyped, and the cover (cells of a
 * bounding box, not just the 8 neighbours) is what this index needs.
 */

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

export interface Bounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/** The geohash of a position, `precision` characters long (1–12). */
export function encode(lat: number, lng: number, precision: number): string {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let hash = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (hash.length < precision) {
    if (even) {
      const mid = (minLng + maxLng) / 2;
      if (lng >= mid) {
        value = (value << 1) | 1;
        minLng = mid;
      } else {
        value <<= 1;
        maxLng = mid;
      }
    } else {
      const mid = (minLat + maxLat) / 2;
      if (lat >= mid) {
        value = (value << 1) | 1;
        minLat = mid;
      } else {
        value <<= 1;
        maxLat = mid;
      }
    }
    even = !even;
    if (++bits === 5) {
      hash += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return hash;
}

/** The rectangle a geohash names. */
export function bounds(hash: string): Bounds {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let even = true;
  for (const char of hash) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error(`not a geohash: ${hash}`);
    for (let bit = 4; bit >= 0; bit--) {
      const on = (value >> bit) & 1;
      if (even) {
        const mid = (minLng + maxLng) / 2;
        if (on) minLng = mid;
        else maxLng = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (on) minLat = mid;
        else maxLat = mid;
      }
      even = !even;
    }
  }
  return { minLat, maxLat, minLng, maxLng };
}

/** Width (longitude) and height (latitude) in degrees of a cell of `precision` characters. */
export function cellSize(precision: number): { lat: number; lng: number } {
  const bits = precision * 5;
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  return { lat: 180 / 2 ** latBits, lng: 360 / 2 ** lngBits };
}

/**
 * The cells of `precision` characters that together cover `box`, or undefined
 * when more than `limit` would be needed. Boxes crossing the antimeridian are
 * not split (Brazil is far from it); longitudes are clamped to ±180.
 */
export function cover(box: Bounds, precision: number, limit: number): string[] | undefined {
  const size = cellSize(precision);
  const minLat = Math.max(-90, box.minLat);
  const maxLat = Math.min(90, box.maxLat);
  const minLng = Math.max(-180, box.minLng);
  const maxLng = Math.min(180, box.maxLng);
  const rows = Math.floor((Math.min(maxLat, 90 - 1e-9) + 90) / size.lat) - Math.floor((minLat + 90) / size.lat) + 1;
  const columns = Math.floor((Math.min(maxLng, 180 - 1e-9) + 180) / size.lng) - Math.floor((minLng + 180) / size.lng) + 1;
  if (rows * columns > limit) return undefined;
  const cells = new Set<string>();
  const firstLat = (Math.floor((minLat + 90) / size.lat) + 0.5) * size.lat - 90;
  const firstLng = (Math.floor((minLng + 180) / size.lng) + 0.5) * size.lng - 180;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      cells.add(encode(Math.min(firstLat + row * size.lat, 90), Math.min(firstLng + column * size.lng, 180), precision));
    }
  }
  return [...cells].sort();
}

const EARTH_RADIUS_KM = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle (haversine) distance in kilometres. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = radians(lat2 - lat1);
  const dLng = radians(lng2 - lng1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A box holding every point within `radiusKm` of the centre (a little larger, never smaller). */
export function boxAround(lat: number, lng: number, radiusKm: number): Bounds {
  const dLat = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const maxLat = Math.min(90, lat + dLat);
  const minLat = Math.max(-90, lat - dLat);
  // Longitude degrees shrink with latitude: widen by the box's most polar edge.
  const polar = Math.max(Math.abs(maxLat), Math.abs(minLat));
  const dLng = polar >= 89.9 ? 180 : Math.min(180, dLat / Math.cos(radians(polar)));
  return { minLat, maxLat, minLng: lng - dLng, maxLng: lng + dLng };
}
