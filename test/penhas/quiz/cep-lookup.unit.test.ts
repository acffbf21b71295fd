import { describe, expect, it } from 'vitest';
import { describePoint } from '../../../functions/penhas/quiz/cep-lookup.ts';

const point = { nome: 'Casa da Mulher', ddd: 11, telefone1: 33334444, telefone2: null, tipo_logradouro: 'Rua', nome_logradouro: 'Vieira Ravasco', numero: 26 };

describe('a support point as the anonymous questionnaire lists it', () => {
  it('names it, its category, its phones and its address, as the original wrote them', () => {
    expect(describePoint(point, 'Casa da Mulher Brasileira')).toBe(
      'Casa da Mulher Casa da Mulher Brasileira telefone +551133334444 localizado na Rua Vieira Ravasco, 26',
    );
    expect(describePoint({ ...point, telefone2: 955556666 }, null)).toBe(
      'Casa da Mulher telefone +551133334444 e +5511955556666 localizado na Rua Vieira Ravasco, 26',
    );
  });

  it('says "sem número" without a number, and leaves out what it does not have', () => {
    expect(describePoint({ ...point, numero: null }, 'CRAM')).toBe('Casa da Mulher CRAM telefone +551133334444 localizado na Rua Vieira Ravasco sem número');
    expect(describePoint({ ...point, ddd: null, tipo_logradouro: '' }, undefined)).toBe('Casa da Mulher');
  });
});
