/**
 * The texts guardians receive by SMS, and the coordinates in them, exactly as
 * the original built them. Pure: no I/O, so they are unit- and property-tested.
 *
 * SMS alphabets: the texts are plain ASCII but the name, which is unaccented
 * first (as the original's `unaccent()` did), so one alert fits in as few
 * segments as possible.
 */

/** Letters `unaccent` turns into more than a base letter and a mark. */
const LIGATURES: Record<string, string> = {
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Đ: 'D',
  đ: 'd',
  Ł: 'L',
  ł: 'l',
  Þ: 'TH',
  þ: 'th',
  Ð: 'D',
  ð: 'd',
};

/** Accents and other combining marks removed (`Conceição` → `Conceicao`), as PostgreSQL's unaccent does for Latin names. */
export function unaccent(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßÆæŒœØøĐđŁłÞþÐð]/g, (letter) => LIGATURES[letter])
    .normalize('NFC');
}

/** The first `count` characters (code points, as Perl's substr on text counts them). */
export function firstCharacters(text: string, count: number): string {
  return Array.from(text).slice(0, Math.max(0, count)).join('');
}

/**
 * A coordinate as the original wrote it into the map link: Perl's
 * `sprintf('%.12g', sprintf('%.5f', x))`, i.e. rounded to 5 decimals (the
 * double's exact value, ties to even, as C's printf) and then printed as a
 * number, so trailing zeros go (`-46.6500004` → `-46.65`, `-0.000001` → `-0`,
 * `0.000012` → `1e-05`).
 */
export function formatCoordinate(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite coordinate: ${value}`);
  const fixed = toFixedHalfEven(value, 5);
  // %g writes numbers under 1e-4 with an exponent: after rounding that is 0.0000d alone, `de-05`.
  const tiny = /^(-?)0\.0000([1-9])$/.exec(fixed);
  if (tiny) return `${tiny[1]}${tiny[2]}e-05`;
  return fixed.replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * `value` with `digits` decimals, rounded from its exact binary value with ties
 * to even (C's printf). `Number.prototype.toFixed` rounds ties away from zero,
 * which differs for doubles such as 0.015625 (= 1/64).
 */
export function toFixedHalfEven(value: number, digits: number): string {
  const negative = value < 0 || Object.is(value, -0);
  const { mantissa, exponent } = decompose(Math.abs(value));
  const scale = 10n ** BigInt(digits);
  let units: bigint;
  if (exponent >= 0) {
    units = mantissa * 2n ** BigInt(exponent) * scale;
  } else {
    const numerator = mantissa * scale;
    const denominator = 2n ** BigInt(-exponent);
    units = numerator / denominator;
    const twiceRemainder = 2n * (numerator % denominator);
    if (twiceRemainder > denominator || (twiceRemainder === denominator && units % 2n === 1n)) units += 1n;
  }
  const text = units.toString().padStart(digits + 1, '0');
  const integer = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${integer}${digits > 0 ? `.${fraction}` : ''}`;
}

/** |value| = mantissa × 2^exponent, exactly (value finite and non-negative). */
function decompose(value: number): { mantissa: bigint; exponent: number } {
  if (value === 0) return { mantissa: 0n, exponent: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biasedExponent === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biasedExponent - 1075 };
}

export interface AlertLocation {
  lat: number;
  lng: number;
}

/** Characters of the name an alert SMS carries. */
export const ALERT_NAME_CHARACTERS = 28;

/**
 * The alert SMS: "PenhaS: <name> adicionou um pedido de socorro. Entre em
 * contato. " then the map link, or the sentence saying no location came.
 * `name` is the user's full name (nome_completo), as the original used.
 */
export function alertSmsText(name: string, location: AlertLocation | undefined): string {
  const where = location
    ? `Veja sua localizacao no mapa maps.google.com/maps?q=${formatCoordinate(location.lat)}%2C${formatCoordinate(location.lng)}`
    : 'A localizacao nao foi recebida.';
  return `PenhaS: ${firstCharacters(unaccent(name), ALERT_NAME_CHARACTERS)} adicionou um pedido de socorro. Entre em contato. ${where}`;
}

/**
 * The invite SMS: the name gets what is left of 150 characters after the
 * fixed parts (10 at least were meant for it; when the link is too long the
 * message takes two SMS and the name 140 more), then the link with the token.
 */
export function inviteSmsText(name: string, linkBase: string, token: string): string {
  const prefix = 'PenhaS: ';
  const link = ` convidou vc ser guardiao dela. p/ aceitar e mais informacoes acesse ${linkBase}${token}`;
  let remaining = 150 - (prefix.length + link.length);
  if (remaining < 0) remaining += 140;
  return `${prefix}${firstCharacters(unaccent(name), remaining)}${link}`;
}

/** What `POST /me/guardioes/alert` answers, by the number of SMS handed over and whether a location came. */
export function alertAnswer(smsCount: number, withLocation: boolean): { title: string; message: string } {
  const position = withLocation ? 'com localização ' : 'SEM LOCALIZAÇÃO ';
  if (smsCount > 1) {
    // The original's double space after the position, kept: the app shows this text as it comes.
    return { title: `${smsCount} alertas enviados!`, message: `Alerta ${position} disparado com sucesso para ${smsCount} guardiões.` };
  }
  if (smsCount === 1) return { title: 'Alerta enviado!', message: `Alerta ${position}disparado com sucesso para 1 guardião.` };
  return { title: 'Atenção ❗', message: 'Não há guardiões cadastros! Nenhum alerta foi enviado.' };
}
