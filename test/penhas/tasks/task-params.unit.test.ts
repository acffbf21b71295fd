/** Task parameters read as the original read them, for forms and JSON alike. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncEntry } from '../../../functions/penhas/tasks/task-params.ts';
import { applyEntry, type ClienteTarefa } from '../../../functions/penhas/tasks/tasks.ts';
import { AppError } from '../../../shared/errors.ts';

const problem = (params: Record<string, unknown>) => {
  try {
    syncEntry(params);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, ...error.details.fields?.[0], message: error.message };
    throw error;
  }
  return undefined;
};

describe('syncEntry', () => {
  it('reads forms and JSON the same way', () => {
    expect(syncEntry({ id: '12', checkbox_feito: '1' })).toEqual({ id: 12, checkbox_feito: 1, campo_livre: undefined });
    expect(syncEntry({ id: 12, checkbox_feito: true, campo_livre: { a: 1 } })).toEqual({ id: 12, checkbox_feito: 1, campo_livre: '{"a":1}' });
    expect(syncEntry({ id: 12, remove: 1 })).toEqual({ id: 12, remove: 1 });
    expect(syncEntry({ id: '12', remove: '0', checkbox_feito: '0', campo_livre: '' })).toEqual({ id: 12, checkbox_feito: 0, campo_livre: null });
  });

  it('names the first failing field with the original reason', () => {
    expect(problem({})).toMatchObject({ field: 'id', reason: 'is_required' });
    expect(problem({ id: '' })).toMatchObject({ field: 'id', reason: 'is_required' });
    expect(problem({ id: '1.5', checkbox_feito: 1 })).toMatchObject({ field: 'id', reason: 'invalid' });
    expect(problem({ id: 1 })).toMatchObject({
      field: 'checkbox_feito',
      reason: 'is_required',
      message: 'Campos não foram preenchidos corretamente (checkbox_feito)',
    });
    expect(problem({ id: 1, checkbox_feito: 2 })).toMatchObject({ field: 'checkbox_feito', reason: 'invalid' });
    expect(problem({ id: 1, checkbox_feito: 1, campo_livre: 'ABC' })).toMatchObject({ field: 'campo_livre', reason: 'invalid', message: 'json inválido' });
    expect(problem({ id: 1, checkbox_feito: 1, campo_livre: 'x'.repeat(50_001) })).toMatchObject({
      field: 'campo_livre',
      reason: 'invalid_max_length',
      message: 'Campos não foram preenchidos corretamente (campo_livre) máximo: 50000 enviado: 50001',
    });
  });

  it('never throws anything but a form error, whatever the entry holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('id', 'checkbox_feito', 'campo_livre', 'remove', 'other'), fc.jsonValue()), (params) => {
        const found = problem(params);
        if (found) expect(found.code).toBe('form_error');
      }),
    );
  });
});

describe('applyEntry', () => {
  const task: ClienteTarefa = {
    pk: 'USER#1',
    sk: 'T',
    id: 7,
    cliente_id: 1,
    mf_tarefa_id: 1,
    checkbox_feito: 0,
    campo_livre: null,
    criado_em: 1,
    atualizado_em: 1,
    version: 1,
  };
  const plain = { titulo: '', descricao: 'd', tipo: 'checkbox' as const, agrupador: 'a', eh_customizada: 0 as const };

  it('changes nothing when the flag is unchanged on a plain task', () => {
    expect(applyEntry(task, { id: 7, checkbox_feito: 0, campo_livre: '{"a":1}' }, plain, 100)).toBe(task);
  });

  it('keeps the first and last times a task was checked and unchecked', () => {
    const checked = applyEntry(task, { id: 7, checkbox_feito: 1, campo_livre: undefined }, plain, 100);
    const unchecked = applyEntry(checked, { id: 7, checkbox_feito: 0, campo_livre: undefined }, plain, 200);
    const again = applyEntry(unchecked, { id: 7, checkbox_feito: 1, campo_livre: undefined }, plain, 300);
    expect(again).toMatchObject({
      checkbox_feito: 1,
      atualizado_em: 300,
      checkbox_feito_checked_first_updated_at: 100,
      checkbox_feito_checked_last_updated_at: 300,
      checkbox_feito_unchecked_first_updated_at: 200,
      checkbox_feito_unchecked_last_updated_at: 200,
    });
  });

  it('stores the free field of a contacts task, and marks a removal', () => {
    const contacts = { ...plain, tipo: 'checkbox_contato' as const, eh_customizada: 1 as const };
    expect(applyEntry(task, { id: 7, checkbox_feito: 0, campo_livre: '[1]' }, contacts, 100)).toMatchObject({ campo_livre: '[1]', atualizado_em: 100 });
    expect(applyEntry(task, { id: 7, remove: 1 }, plain, 100)).toMatchObject({ removido_em: 100 });
  });
});
