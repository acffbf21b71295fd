/**
 * The LiftLog wire format binds as the original ASP.NET server did: member
 * names in any case, strict padded base64, GUIDs in any case answered lowercase,
 * DateTimeOffset strings with or without an offset.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { base64Bytes, guid, jsonObject, parseDateTime, toBase64, toIso } from '../../functions/liftlog/wire.ts';

const MIN = Date.parse('0001-01-01T00:00:00.000Z');
const MAX = Date.parse('9999-12-31T23:59:59.999Z');
const instants = fc.integer({ min: MIN + 15 * 3_600_000, max: MAX - 15 * 3_600_000 }).map((ms) => new Date(ms));

describe('base64Bytes', () => {
  const field = base64Bytes({ max: 64 });

  it('decodes canonical base64 of any bytes within the limit, and round-trips through toBase64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const parsed = z.parse(field, Buffer.from(bytes).toString('base64'));
        expect([...parsed]).toEqual([...bytes]);
        expect(toBase64(parsed)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('refuses base64 without its padding, URL-safe alphabets and oversized values', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }).filter((bytes) => bytes.length % 3 !== 0),
        (bytes) => {
          const unpadded = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
          expect(z.safeParse(field, unpadded).success).toBe(false);
        },
      ),
    );
    expect(z.safeParse(field, Buffer.from([0xfb, 0xff]).toString('base64url')).success).toBe(false);
    expect(z.safeParse(field, Buffer.alloc(65).toString('base64')).success).toBe(false);
  });
});

describe('parseDateTime', () => {
  it('reads every instant written as UTC ISO-8601 back to the same millisecond', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(parseDateTime(toIso(instant))?.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('reads the same instant written with any offset', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: -14 * 60, max: 14 * 60 }), (instant, offsetMinutes) => {
        const wall = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseDateTime(`${wall}${zone}`)?.getTime()).toBe(instant.getTime());
      }),
    );
  });

  it('refuses dates that are not on the calendar and text that is not a date', () => {
    for (const text of ['2023-02-29T00:00:00Z', '2024-13-01', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00+15:00', 'yesterday', '']) {
      expect(parseDateTime(text)).toBeUndefined();
    }
  });
});

describe('jsonObject and guid', () => {
  const shape = jsonObject({ userId: guid() });

  it('binds member names in any case and answers the GUID lowercase', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom('userId', 'UserId', 'USERID', 'userid'), fc.boolean(), (id, name, upper) => {
        const parsed = z.parse(shape, { [name]: upper ? id.toUpperCase() : id });
        expect(parsed).toEqual({ userId: id.toLowerCase() });
      }),
    );
  });
});
