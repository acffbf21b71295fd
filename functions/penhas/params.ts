/**
 * PenhaS request parameters as the original validated them: strings from the
 * query string and form bodies, checked for length first, then presence (an
 * empty value counts as missing), then type. Each failure carries the
 * original's `form_error` reason; a length failure carries the ` máximo: <max>
 * enviado: <length>` suffix the error format appends to the original's message.
 */
import * as z from 'zod/mini';

const required = z.refine<string>((value) => value !== '', { params: { reason: 'is_required' }, abort: true });

const lengthChecks = (limits: { min?: number; max?: number }) => [
  ...(limits.max === undefined ? [] : [z.maxLength(limits.max, { error: (issue) => ` máximo: ${limits.max} enviado: ${String(issue.input ?? '').length}` })]),
  ...(limits.min === undefined ? [] : [z.minLength(limits.min, { error: (issue) => ` mínimo: ${limits.min} enviado: ${String(issue.input ?? '').length}` })]),
];

/** A required text parameter (an empty value is missing: `is_required`). */
export const text = (limits: { min?: number; max?: number } = {}) => z.string().check(...lengthChecks(limits), required);

/** An optional text parameter; an empty value is kept as given. */
export const optionalText = (limits: { min?: number; max?: number } = {}) => z.optional(z.string().check(...lengthChecks(limits)));

// Close to Email::Valid's addr-spec check: one @, a dotted domain, no spaces or control characters.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export const isEmail = (value: string): boolean => EMAIL.test(value);

/** An e-mail address parameter (the original's `EmailAddress` type, at most 200 characters). */
export const email = () => text({ max: 200 }).check(z.refine(isEmail, { params: { reason: 'invalid' } }));

/** One of the given words (`genero`, `raca`). */
export const oneOf = <const T extends readonly string[]>(values: T) =>
  text().check(z.refine((value) => (values as readonly string[]).includes(value), { params: { reason: 'invalid' } }));

/** An integer sent as text (the original's `Int`, e.g. `dry=1`). */
export const integer = () => text().check(z.refine((value) => /^[-+]?\d+$/.test(value), { params: { reason: 'invalid' } }));

/** A date `YYYY-MM-DD` that exists. */
export const isoDate = () => text().check(z.refine(isDate, { params: { reason: 'invalid' } }));

export function isDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}
