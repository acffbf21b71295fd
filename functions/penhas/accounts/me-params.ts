/**
 * Parameter types of the `/me…` routes, as the original's types checked them
 * (after the length and presence checks of ../params.ts): `Int`, `Bool`,
 * `IntList`, `Raca`.
 */
import * as z from 'zod/mini';
import { text } from '../params.ts';
import { RACAS } from './users.ts';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });

/** An integer (`Int`), as text. */
export const int = (limits: { max?: number } = {}) => text(limits).check(invalidUnless((value) => /^-?[0-9]+$/.test(value)));

/** A 0/1 flag (`Bool`); an empty value is missing. */
export const bool = () => text().check(invalidUnless((value) => value === '0' || value === '1'));

/** `active` of the toggles: one digit, anything but 0 switches on. */
export const digitFlag = () => text({ max: 1 }).check(invalidUnless((value) => /^[0-9]$/.test(value)));

/** Comma-separated ids (`IntList`, empty allowed: no ids). */
export const intList = () => z.string().check(invalidUnless((value) => value === '' || (value.length <= 2000 && /^[0-9]{1,6}(,[0-9]{1,6})*$/.test(value))));

export const raca = () => text().check(invalidUnless((value) => (RACAS as readonly string[]).includes(value)));
