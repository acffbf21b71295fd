/**
 * A guardian's phone number as the user typed it: Brazil unless it starts with
 * `+`, valid, and a mobile (SMS must reach it). Stored in E.164, shown in the
 * national format (`(11) 91234-1234`; other countries prefixed `+<code> `), as
 * the original did with Number::Phone. The full metadata (`/max`) is needed to
 * tell a landline from an invalid number, as the app's error texts do.
 */
import { type CountryCallingCode, type NumberType, parsePhoneNumberWithError, type PhoneNumber } from 'libphonenumber-js/max';
import { badRequest } from '../errors.ts';

export interface ParsedPhone {
  /** `+5511912341234`. */
  e164: string;
  /** `(11) 91234-1234`, or `+1 484-291-8467` outside Brazil. */
  national: string;
}

/** Countries whose numbering plans tell mobiles apart: there only a mobile passes, as in the original. */
const MOBILE_PLANS = new Set<CountryCallingCode>(['55', '39', '351']);
/** Elsewhere anything but these passes (the original let through what it could not call a landline or a service). */
const NOT_FOR_SMS = new Set<NumberType>(['FIXED_LINE', 'TOLL_FREE', 'PREMIUM_RATE', 'SHARED_COST', 'PAGER', 'UAN', 'VOICEMAIL']);

/** Throws the original's errors: `parser_error`, `contry_not_allowed` (sic), `number_is_not_mobile`. */
export function parseMobile(input: string, allowedCountryCodes = process.env.GUARDS_ALLOWED_COUNTRY_CODES): ParsedPhone {
  const phone = parse(input.trim());
  if (!phone?.isValid()) {
    throw badRequest(
      'parser_error',
      'Não conseguimos decodificar o número enviado. Lembre-se de incluir o DDD para Brasil.\nPara números internacionais inicie com +código-do-país.',
      'celular',
    );
  }
  const code = phone.countryCallingCode;
  const nationalOnly = nationalFormat(phone);
  if (allowedCountryCodes && !allowedCountryCodes.includes(`,${code},`)) {
    throw badRequest(
      'contry_not_allowed',
      `O pais (${code} ${phone.country ?? '??'} ??) não está liberado para uso. Entre em contato com o suporte.`,
      'celular',
    );
  }
  const type = phone.getType();
  const mobile = type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE' || (!MOBILE_PLANS.has(code) && !(type && NOT_FOR_SMS.has(type)));
  if (!mobile) {
    throw badRequest(
      'number_is_not_mobile',
      `O número +${code} ${nationalOnly} não pode ser usado para envio de SMS. Use o número do celular do guardião.`,
      'celular',
    );
  }
  return { e164: phone.number, national: code === '55' ? nationalOnly : `+${code} ${nationalOnly}` };
}

function parse(input: string): PhoneNumber | undefined {
  try {
    return parsePhoneNumberWithError(input, { defaultCountry: 'BR' });
  } catch {
    return undefined;
  }
}

/** North American numbers read `484-291-8467` (as Number::Phone wrote them); the rest in their national format. */
function nationalFormat(phone: PhoneNumber): string {
  if (phone.countryCallingCode === '1') {
    const digits = phone.nationalNumber;
    return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
  }
  return phone.formatNational();
}
