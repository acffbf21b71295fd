/**
 * The panic alert's coordinates as the app sends them (`gps_lat`, `gps_long`,
 * Dart's `double.toString()`), checked as the original did, plus a range check
 * the original lacked. Pure.
 */
import { badRequest } from '../errors.ts';
import type { AlertLocation } from './sms-texts.ts';

/** The original's pattern: up to 3 integer digits and 17 decimals. */
const DECIMAL = /^-?\d{1,3}(?:\.\d{1,17})?$/;
/** How Perl printed that pattern in the error message the app may show. */
const DECIMAL_AS_PERL_PRINTS_IT = '(?^a:^-?\\d{1,3}(?:\\.\\d{1,17})?$)';
/**
 * Dart writes doubles under 1e-6 in exponent form (`1e-7`): a fix that is a
 * hair off the equator or the prime meridian. The original refused those and
 * lost the alert; they are accepted here.
 */
const DART_EXPONENT = /^-?\d(?:\.\d{1,17})?e-\d{1,3}$/;

const LIMITS = { gps_lat: 90, gps_long: 180 } as const;
/** Both within this of zero: the app had no fix (it sends `0.0`/`0.0`). */
const NO_FIX = 0.01;

export interface GpsParams {
  gps_lat?: string;
  gps_long?: string;
}

export interface CheckedGps {
  /** The values as sent, kept on the alert record (undefined when there is no location). */
  gps_lat?: string;
  gps_long?: string;
  /** The location the SMS links to; undefined without both coordinates or at 0/0. */
  location?: AlertLocation;
}

/** Throws `gps_position_invalid` (naming the field) for a value that is not a coordinate. */
export function checkGps(params: GpsParams): CheckedGps {
  const values: Partial<Record<keyof typeof LIMITS, number>> = {};
  for (const field of ['gps_lat', 'gps_long'] as const) {
    const raw = params[field];
    if (raw === undefined) continue;
    if (!DECIMAL.test(raw) && !DART_EXPONENT.test(raw)) {
      throw badRequest('gps_position_invalid', `${field} não passa na regexp: ${DECIMAL_AS_PERL_PRINTS_IT}`, field);
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || Math.abs(value) > LIMITS[field]) {
      throw badRequest('gps_position_invalid', `${field} fora do intervalo: de -${LIMITS[field]} a ${LIMITS[field]}`, field);
    }
    values[field] = value;
  }
  const { gps_lat: lat, gps_long: lng } = values;
  if (lat === undefined || lng === undefined) return {};
  if (Math.abs(lat) <= NO_FIX && Math.abs(lng) <= NO_FIX) return {};
  return { gps_lat: params.gps_lat, gps_long: params.gps_long, location: { lat, lng } };
}
