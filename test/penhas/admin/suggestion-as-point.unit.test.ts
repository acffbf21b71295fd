/** What a suggested support point becomes when an admin approves it, without the table. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { type SuggestionItem, suggestionAsPoint } from '../../../functions/penhas/admin/point-writes.ts';

const suggestion = (fields: Record<string, unknown> = {}): SuggestionItem => ({
  pk: 'USER#1',
  sk: 'PA_SUGGESTION#000000001',
  id: 1,
  version: 2,
  cliente_id: 1,
  status: 'awaiting-moderation',
  created_at: '2026-01-01T00:00:00.000Z',
  nome: 'Centro de Referência',
  categoria: 3,
  nome_logradouro: 'Rua Direita',
  numero: 's/n',
  bairro: 'Sé',
  municipio: 'São Paulo',
  uf: 'sp',
  cep: '01002-000',
  ddd1: 11,
  telefone1: 32223333,
  eh_24h: 1,
  has_whatsapp: 0,
  abrangencia: 'local',
  ...fields,
});

const place = { latitude: -23.55, longitude: -46.63, natureza: 'publico', tipo_logradouro: 'Rua' };

const formErrorField = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.kind === 'invalid') return error.details.fields?.[0]?.field;
    throw error;
  }
  return undefined;
};

describe('suggestionAsPoint', () => {
  it('takes what the suggestion says, in the point’s columns', () => {
    expect(suggestionAsPoint(suggestion(), place)).toMatchObject({
      nome: 'Centro de Referência',
      categoria: 3,
      numero: null,
      numero_sem_numero: 1,
      uf: 'SP',
      cep: '01002000',
      ddd: 11,
      telefone1: 32223333,
      eh_24h: 1,
      eh_whatsapp: 0,
      abrangencia: 'Local',
      status: 'active',
      ja_passou_por_moderacao: 1,
      projetos: [],
    });
  });

  it('lets the admin’s columns win, a number included', () => {
    const point = suggestionAsPoint(suggestion({ numero: '120' }), { ...place, nome: 'Outro nome', abrangencia: 'Regional', cod_ibge: 3550308 });
    expect(point).toMatchObject({ nome: 'Outro nome', numero: 120, numero_sem_numero: 0, abrangencia: 'Regional', cod_ibge: 3550308 });
  });

  it('answers form_error naming the first column a valid point lacks', () => {
    expect(formErrorField(() => suggestionAsPoint(suggestion(), { natureza: 'publico', tipo_logradouro: 'Rua' }))).toBe('latitude');
    expect(formErrorField(() => suggestionAsPoint(suggestion({ cep: '123' }), place))).toBe('cep');
  });

  it('never fails otherwise, whatever the app stored in the suggestion', () => {
    const stored = fc.dictionary(
      fc.constantFrom('nome', 'categoria', 'numero', 'uf', 'cep', 'ddd1', 'telefone1', 'eh_24h', 'has_whatsapp', 'abrangencia', 'email', 'observacao'),
      fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant('')),
    );
    fc.assert(
      fc.property(stored, (fields) => {
        // Either a valid point or a form_error: never a TypeError from an odd value.
        formErrorField(() => suggestionAsPoint(suggestion(fields), place));
      }),
    );
  });
});
