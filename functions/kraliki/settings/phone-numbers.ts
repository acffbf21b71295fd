/**
 * Phone numbers in E.164, checked with libphonenumber-js (its full metadata,
 * so a number that cannot exist in its country is refused, not only one of
 * the wrong length). Input is international (`+` and the country code; spaces,
 * dashes and brackets allowed); what is stored and answered is E.164.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The number in E.164, or undefined when it is not a valid international number. */
export function toE164(input: string): string | undefined {
  const trimmed = input.trim();
  if (!trimmed.startsWith('+') || trimmed.length > 32) return undefined;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed?.isValid() ? parsed.number : undefined;
}
