import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkGps } from '../../../functions/penhas/guardians/coordinates.ts';
import { retryDelaySeconds } from '../../../functions/penhas/guardians/sms-retries.ts';
import {
  alertAnswer,
  alertSmsText,
  firstCharacters,
  formatCoordinate,
  inviteSmsText,
  toFixedHalfEven,
  unaccent,
} from '../../../functions/penhas/guardians/sms-texts.ts';

/** Perl's `sprintf('%.12g', sprintf('%.5f', x))` for 2,600 doubles (edge cases, exact ties, random), printed by perl itself. */
const perl: [string, string][] = JSON.parse(readFileSync(new URL('./fixtures/perl-coordinates.json', import.meta.url), 'utf8'));

describe('formatCoordinate', () => {
  it('writes the examples of the contract', () => {
    expect(formatCoordinate(-23.5613548)).toBe('-23.56135');
    expect(formatCoordinate(-46.6500004)).toBe('-46.65');
    expect(formatCoordinate(12.33445)).toBe('12.33445');
    expect(formatCoordinate(-90)).toBe('-90');
  });

  it('agrees with Perl on every fixture value, exact ties included', () => {
    const differences = perl.filter(([input, expected]) => formatCoordinate(Number(input)) !== expected);
    expect(differences).toEqual([]);
  });

  it('rounds ties to even as C does, where toFixed rounds them away from zero', () => {
    expect(formatCoordinate(0.015625)).toBe('0.01562');
    expect((0.015625).toFixed(5)).toBe('0.01563');
    expect(formatCoordinate(-0.000001)).toBe('-0');
    expect(formatCoordinate(0.000012)).toBe('1e-05');
  });

  it('is within half a unit of the fifth decimal, without trailing zeros', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), (x) => {
        const written = formatCoordinate(x);
        expect(Math.abs(Number(written) - x)).toBeLessThanOrEqual(0.000005 + 1e-12);
        expect(written).not.toMatch(/\.\d*0$|\.$/);
        expect(written).toMatch(/^-?\d{1,3}(\.\d{1,5})?$|^-?[1-9]e-05$/);
      }),
    );
  });

  it('matches toFixed except on exact binary ties', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }), (x) => {
        const scaled = Math.abs(x) * 1e5;
        fc.pre(Math.abs(scaled - Math.trunc(scaled) - 0.5) > 1e-6);
        expect(toFixedHalfEven(x, 5).replace(/^-(0\.0+)$/, '$1')).toBe(x.toFixed(5).replace(/^-(0\.0+)$/, '$1'));
      }),
    );
  });
});

describe('unaccent and firstCharacters', () => {
  it('removes accents as PostgreSQL unaccent does for names', () => {
    expect(unaccent('Conceição Ávila Müller Øster Straße')).toBe('Conceicao Avila Muller Oster Strasse');
  });

  it('counts characters, never cutting one in two', () => {
    expect(firstCharacters('👩🏽‍🦱abc', 2)).toBe('👩🏽');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.nat({ max: 40 }), (text, n) => {
        const cut = firstCharacters(text, n);
        expect(text.startsWith(cut)).toBe(true);
        expect(Array.from(cut).length).toBe(Math.min(n, Array.from(text).length));
      }),
    );
  });
});

describe('alertSmsText', () => {
  it('links the location with the coordinates as Perl wrote them', () => {
    expect(alertSmsText('Maria da Conceição', { lat: -23.5613548, lng: -46.6500004 })).toBe(
      'PenhaS: Maria da Conceicao adicionou um pedido de socorro. Entre em contato. Veja sua localizacao no mapa maps.google.com/maps?q=-23.56135%2C-46.65',
    );
  });

  it('says so when no location came', () => {
    expect(alertSmsText('Ana', undefined)).toBe('PenhaS: Ana adicionou um pedido de socorro. Entre em contato. A localizacao nao foi recebida.');
  });

  it('keeps the first 28 characters of the unaccented full name', () => {
    const text = alertSmsText('Maria Aparecida dos Santos Conceição Silva', undefined);
    expect(text).toBe('PenhaS: Maria Aparecida dos Santos C adicionou um pedido de socorro. Entre em contato. A localizacao nao foi recebida.');
  });
});

describe('inviteSmsText', () => {
  it('fits the name in what 150 characters leave, the whole link after it', () => {
    const text = inviteSmsText('Joana Pereira Santos', 'https://sms.penhas.com.br/', 'ABCDEFG123');
    expect(text).toBe('PenhaS: Joana Pereira Santos convidou vc ser guardiao dela. p/ aceitar e mais informacoes acesse https://sms.penhas.com.br/ABCDEFG123');
    const long = inviteSmsText('Maria Aparecida dos Santos Conceição Silva Pereira Lima', 'https://sms.penhas.com.br/', 'ABCDEFG123');
    expect(long.length).toBe(150);
    expect(long.endsWith('https://sms.penhas.com.br/ABCDEFG123')).toBe(true);
  });
});

describe('alertAnswer', () => {
  it('answers the original texts by the number of SMS', () => {
    expect(alertAnswer(3, true)).toEqual({ title: '3 alertas enviados!', message: 'Alerta com localização  disparado com sucesso para 3 guardiões.' });
    expect(alertAnswer(1, false)).toEqual({ title: 'Alerta enviado!', message: 'Alerta SEM LOCALIZAÇÃO disparado com sucesso para 1 guardião.' });
    expect(alertAnswer(0, true)).toEqual({ title: 'Atenção ❗', message: 'Não há guardiões cadastros! Nenhum alerta foi enviado.' });
  });
});

describe('checkGps', () => {
  it('takes the coordinates the app sends', () => {
    expect(checkGps({ gps_lat: '-23.5613548', gps_long: '-46.6500004' }).location).toEqual({ lat: -23.5613548, lng: -46.6500004 });
    expect(checkGps({ gps_lat: '12.33445', gps_long: '-23.123456789123456' }).gps_long).toBe('-23.123456789123456');
  });

  it('reads 0.0/0.0 (no fix), a missing coordinate or only one as no location', () => {
    expect(checkGps({ gps_lat: '0.0', gps_long: '0.0' })).toEqual({});
    expect(checkGps({ gps_lat: '0.005', gps_long: '-0.009' })).toEqual({});
    expect(checkGps({ gps_long: '3.12' })).toEqual({});
    expect(checkGps({})).toEqual({});
  });

  it("accepts Dart's exponent form of a value near zero", () => {
    expect(checkGps({ gps_lat: '1e-7', gps_long: '-51.06' }).location).toEqual({ lat: 1e-7, lng: -51.06 });
  });

  it('refuses what is not a coordinate, naming the field', () => {
    for (const [params, field] of [
      [{ gps_lat: '3.123456789123456', gps_long: '3.123456789123456710' }, 'gps_long'],
      [{ gps_lat: 'abc', gps_long: '1' }, 'gps_lat'],
      [{ gps_lat: '91', gps_long: '1' }, 'gps_lat'],
      [{ gps_lat: '1', gps_long: '-180.5' }, 'gps_long'],
      [{ gps_lat: '1e5', gps_long: '1' }, 'gps_lat'],
    ] as const) {
      expect(() => checkGps(params)).toThrow(expect.objectContaining({ code: 'gps_position_invalid', details: { extra: { field, reason: 'invalid' } } }));
    }
  });

  it('never throws anything but gps_position_invalid', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), fc.option(fc.string(), { nil: undefined }), (lat, lng) => {
        try {
          const checked = checkGps({ gps_lat: lat, gps_long: lng });
          if (checked.location) {
            expect(Math.abs(checked.location.lat)).toBeLessThanOrEqual(90);
            expect(Math.abs(checked.location.lng)).toBeLessThanOrEqual(180);
          }
        } catch (error) {
          expect((error as { code?: string }).code).toBe('gps_position_invalid');
        }
      }),
    );
  });
});

describe('retryDelaySeconds', () => {
  it('doubles from the base with each receive, capped', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 5))).toEqual([5, 10, 20, 40]);
    expect(retryDelaySeconds(20, 5)).toBe(300);
    expect(retryDelaySeconds(3, 0)).toBe(0);
    expect(retryDelaySeconds(1, Number.NaN)).toBe(5);
  });
});
