/** The suggestion forms' rules and the geocoder cache's rounding, without the table. */
import { describe, expect, it } from 'vitest';
import { truncToMeter } from '../../../functions/penhas/points/geocoding.ts';
import { completeSuggestion, shortSuggestion } from '../../../functions/penhas/points/suggestions.ts';

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details: { extra?: Record<string, string> } };
  }
  throw new Error('expected a failure');
};

describe('the short suggestion form', () => {
  it('needs an address', async () => {
    expect((await failure(shortSuggestion({ nome: 'foo', categoria: '1', descricao_servico: 'aaa' }))).code).toBe('endereco');
  });

  it('keeps a free address, with an empty endereco_ou_cep when only endereco came', async () => {
    expect(await shortSuggestion({ endereco_ou_cep: 'rua cupa, 255', nome: 'foo' })).toMatchObject({ endereco_ou_cep: 'rua cupa, 255' });
    expect(await shortSuggestion({ endereco: 'rua cupa, 255', nome: 'foo' })).toMatchObject({ endereco_ou_cep: '' });
  });

  it('formats the phone as the original did, and refuses one it cannot read', async () => {
    expect(await shortSuggestion({ endereco: 'rua cupa, 255', telefone: '0800 6086236' })).toMatchObject({
      telefone_formatted_as_national: '0800 608 6236',
      telefone_e164: '+55 800 608 6236',
    });
    const refused = await failure(shortSuggestion({ endereco: 'rua cupa, 255', telefone: '12' }));
    expect(refused.code).toBe('parser_error');
    expect(refused.details.extra).toEqual({ field: 'telefone', reason: 'invalid' });
  });

  it('needs an address and a phone with a CEP', async () => {
    expect((await failure(shortSuggestion({ cep: '03640 000', endereco: 'rua cupa, 255' }))).code).toBe('telefone');
    expect((await failure(shortSuggestion({ cep: '03640 000', telefone: '+55 11 98888 8888', endereco_ou_cep: 'x' }))).code).toBe('endereco');
  });
});

describe('the complete suggestion form', () => {
  it('reads Sim/Não from either spelling, phones as numbers, empty phones dropped', async () => {
    const stored = await completeSuggestion({ nome: 'Nome', is24h: 'Sim', hasWhatsapp: 'Não', ddd1: '11', telefone1: '0911223344', ddd2: '', telefone2: '' });
    expect(stored).toEqual({ nome: 'Nome', eh_24h: 1, has_whatsapp: 0, ddd1: 11, telefone1: 911223344 });
    expect(await completeSuggestion({ eh_24h: 'Não', is24h: 'Sim', has_whatsapp: 'Sim' })).toEqual({ eh_24h: 0, has_whatsapp: 1 });
  });
});

describe('truncToMeter', () => {
  it('rounds as the original cache keys did', () => {
    expect(`${truncToMeter(-23.555995)},${truncToMeter(-46.662665)}`).toBe('-23.55597,-46.66266');
  });
});
