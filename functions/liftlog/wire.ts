/**
 * The LiftLog wire format, in one place. The original was ASP.NET, so the app's
 * JSON binds as System.Text.Json binds it: member names case-insensitive,
 * `byte[]` as standard base64 with padding, `Guid` and `DateTimeOffset` as
 * strings. Responses are written in the canonical form: camelCase names,
 * lowercase GUIDs, UTC ISO-8601 datetimes, nulls written out.
 */
import * as z from 'zod/mini';

/** An object whose member names match the shape's case-insensitively (`UserId`, `userid` → `userId`). */
export function jsonObject<S extends z.core.$ZodLooseShape>(shape: S) {
  const names = new Map(Object.keys(shape).map((name) => [name.toLowerCase(), name]));
  return z.pipe(
    z.transform((input: unknown) => withShapeNames(input, names)),
    z.object(shape),
  );
}

/** Only members the shape knows are kept (the rest would be stripped anyway); the last spelling wins. */
function withShapeNames(input: unknown, names: Map<string, string>): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    const canonical = names.get(name.toLowerCase());
    if (canonical) out[canonical] = value;
  }
  return out;
}

/** Bytes in standard base64 with padding, decoded; sizes are of the decoded bytes. */
export function base64Bytes(limits: { min?: number; max: number }) {
  const min = limits.min ?? 0;
  return z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      // Sized before decoding, so an oversized value costs nothing to refuse.
      if (text.length > Math.ceil(limits.max / 3) * 4) return refuse(ctx, `must be at most ${limits.max} bytes`);
      const bytes = Buffer.from(text, 'base64');
      // Node decodes leniently; the canonical re-encoding differs for anything but strict padded base64.
      if (bytes.toString('base64') !== text) return refuse(ctx, 'must be standard base64 with padding');
      if (bytes.length < min || bytes.length > limits.max) {
        const range = min === limits.max ? `exactly ${min}` : `${min} to ${limits.max}`;
        return refuse(ctx, `must be ${range} bytes`);
      }
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }),
  );
}

/** Fails a transform with a custom issue on the value it was given. */
function refuse(ctx: z.core.ParsePayload, message: string): never {
  ctx.issues.push({ code: 'custom', message, input: ctx.value });
  return z.NEVER;
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const isGuid = (text: string): boolean => GUID.test(text);

/** A GUID in the hyphenated form, answered lowercase as the original wrote them. */
export const guid = () =>
  z.pipe(
    z.string().check(z.regex(GUID, 'must be a GUID')),
    z.transform((text: string) => text.toLowerCase()),
  );

/** Not empty and not only whitespace, as FluentValidation's NotEmpty. */
export const nonBlank = (max?: number) => {
  const text = z.string().check(z.refine((value) => value.trim().length > 0, 'must not be empty'));
  return max === undefined ? text : text.check(z.refine((value) => value.length <= max, `must be at most ${max} characters`));
};

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|z|[+-]\d{2}:?\d{2})?$/;
const MIN_MS = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An ISO-8601 date and time as DateTimeOffset reads it: without an offset it is
 * UTC; fractions beyond milliseconds are truncated (stored timestamps are whole
 * milliseconds, so `timestamp > since` is unchanged by it). Undefined if it is
 * not a real calendar moment between years 1 and 9999.
 */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const millis = `${fraction}000`.slice(0, 3);
  const wall = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`);
  // Date rolls Feb 30 over to March 1; a real calendar moment reads back the same.
  if (Number.isNaN(wall.getTime()) || wall.toISOString().slice(0, 19) !== `${year}-${month}-${day}T${hour}:${minute}:${second}`) {
    return undefined;
  }
  const offsetMinutes = zone.toUpperCase() === 'Z' ? 0 : offsetOf(zone);
  if (offsetMinutes === undefined) return undefined;
  const instant = new Date(wall.getTime() - offsetMinutes * 60_000);
  return instant.getTime() < MIN_MS || instant.getTime() > MAX_MS ? undefined : instant;
}

function offsetOf(zone: string): number | undefined {
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 14 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

export const dateTime = () =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => parseDateTime(text) ?? refuse(ctx, 'must be an ISO-8601 date and time')),
  );

/** The one way datetimes are stored and answered: fixed-width UTC, so string order is time order. */
export const toIso = (date: Date): string => date.toISOString();
