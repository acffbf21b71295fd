/**
 * The tasks routes' parameters, checked as the original checked them, field
 * by field in its order: length, then presence (an empty value is missing for
 * integers and flags), then type. `POST /me/tarefas/batch` sends JSON values
 * (numbers, booleans, `campo_livre` as an object or a string), the form routes
 * send text; both read the same way. Pure: no I/O.
 */
import { FIELDS_NOT_FILLED, formError } from '../errors.ts';

type Params = Record<string, unknown>;

const fail = (field: string, reason: string, suffix = '') => formError(field, reason, `${FIELDS_NOT_FILLED} (${field})${suffix}`);

const present = (params: Params, field: string) => params[field] !== undefined && params[field] !== null;

/** Text as the original read it: JSON numbers and booleans as Perl would print them. */
function asText(value: unknown): string {
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function requiredInt(params: Params, field: string): number {
  if (!present(params, field)) throw fail(field, 'is_required');
  const value = asText(params[field]).trim();
  if (value === '') throw fail(field, 'is_required');
  if (!/^-?\d{1,15}$/.test(value)) throw fail(field, 'invalid');
  return Number(value);
}

/** A 0/1 flag; `undefined` when absent (or empty, which the original read as absent). */
export function optionalFlag(params: Params, field: string): 0 | 1 | undefined {
  if (!present(params, field)) return undefined;
  const value = asText(params[field]).trim();
  if (value === '') return undefined;
  if (value !== '0' && value !== '1') throw fail(field, 'invalid');
  return value === '1' ? 1 : 0;
}

export function requiredFlag(params: Params, field: string): 0 | 1 {
  if (!present(params, field) || asText(params[field]).trim() === '') throw fail(field, 'is_required');
  return optionalFlag(params, field)!;
}

/** Required text of `min`..`max` characters. */
export function requiredText(params: Params, field: string, limits: { min: number; max: number }): string {
  const value = present(params, field) ? asText(params[field]) : undefined;
  if (value !== undefined) checkLength(field, value, limits);
  if (value === undefined || value === '') throw fail(field, 'is_required');
  return value;
}

function checkLength(field: string, value: string, { min, max }: { min?: number; max?: number }) {
  const length = [...value].length;
  if (max !== undefined && length > max) throw fail(field, 'invalid_max_length', ` máximo: ${max} enviado: ${length}`);
  if (min !== undefined && length < min) throw fail(field, 'invalid_min_length', ` mínimo: ${min} enviado: ${length}`);
}

/** What one sync asks for (the original's `_sync_validate_and_process_params`). */
export type SyncEntry =
  | { id: number; remove: 1 }
  | {
      id: number;
      remove?: 0;
      checkbox_feito: 0 | 1;
      /** JSON text of the free field; null clears it; undefined when not sent. */
      campo_livre: string | null | undefined;
    };

const CAMPO_LIVRE_MAX = 50_000;

/** One entry of a sync: `{id, remove: 1}`, or `{id, checkbox_feito, campo_livre?}`. */
export function syncEntry(params: Params): SyncEntry {
  // The original tested `remove` for truth before validating it.
  const removeValue = params.remove;
  if (removeValue !== undefined && removeValue !== null && removeValue !== '' && removeValue !== '0' && removeValue !== 0 && removeValue !== false) {
    const id = requiredInt(params, 'id');
    requiredFlag(params, 'remove');
    return { id, remove: 1 };
  }
  const id = requiredInt(params, 'id');
  const checkbox_feito = requiredFlag(params, 'checkbox_feito');
  return { id, checkbox_feito, campo_livre: campoLivre(params.campo_livre) };
}

/** `campo_livre`: any JSON value (an object or array as sent, or JSON text); an invalid text is refused as `json inválido`. */
function campoLivre(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'object') {
    const text = JSON.stringify(value);
    checkLength('campo_livre', text, { max: CAMPO_LIVRE_MAX });
    return text;
  }
  const text = asText(value);
  checkLength('campo_livre', text, { max: CAMPO_LIVRE_MAX });
  if (text === '' || text === '0') return null;
  try {
    JSON.parse(text);
  } catch {
    throw formError('campo_livre', 'invalid', 'json inválido');
  }
  return text;
}
