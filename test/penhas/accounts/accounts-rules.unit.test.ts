/**
 * The accounts feature's pure rules: CPF check digits, the name the registry
 * compares, the password policy's order, and the parameter checks whose
 * reasons the app reads.
 */
import fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { isValidCpf, registryName } from '../../../functions/penhas/accounts/cpf.ts';
import { passwordProblem } from '../../../functions/penhas/accounts/password-policy.ts';
import { signUpFields } from '../../../functions/penhas/accounts/signup.route.ts';
import { isDate, isEmail, text } from '../../../functions/penhas/params.ts';
import { toFieldProblems } from '../../../shared/validation.ts';

/** The CPF with its two check digits computed. */
function withCheckDigits(base: number[]): string {
  const digit = (digits: number[]) => {
    const sum = digits.reduce((total, d, i) => total + d * (digits.length + 1 - i), 0);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  const first = digit(base);
  return [...base, first, digit([...base, first])].join('');
}

const bases = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).filter((digits) => new Set(digits).size > 1);

describe('isValidCpf', () => {
  it('accepts the stand-in registry’s people', () => {
    for (const cpf of ['52998224725', '11144477735', '93541134780', '39053344705', '28715693040']) expect(isValidCpf(cpf)).toBe(true);
  });

  it('accepts any CPF with its check digits, and refuses it with either one changed', () => {
    fc.assert(
      fc.property(bases, fc.integer({ min: 9, max: 10 }), fc.integer({ min: 1, max: 9 }), (base, position, shift) => {
        const cpf = withCheckDigits(base);
        expect(isValidCpf(cpf)).toBe(true);
        const wrong = cpf.slice(0, position) + ((Number(cpf[position]) + shift) % 10) + cpf.slice(position + 1);
        expect(isValidCpf(wrong)).toBe(false);
      }),
    );
  });

  it('refuses repeated digits, formatting and other lengths', () => {
    for (const cpf of ['00000000000', '11111111111', '529.982.247-25', '5299822472', '529982247250', '', 'abcdefghijk']) expect(isValidCpf(cpf)).toBe(false);
  });
});

describe('registryName', () => {
  it('drops accents, upper-cases and collapses spaces', () => {
    expect(registryName('  Ana  Júlia Conceição ')).toBe('ANA JULIA CONCEICAO');
    expect(registryName("Joana d'Ávila")).toBe("JOANA D'AVILA");
  });
});

describe('passwordProblem', () => {
  it('applies the rules in the original’s order', () => {
    const cases: [string, string | undefined][] = [
      [' Abc-12345', 'warning_space_password'],
      ['Abc-12345 ', 'warning_space_password'],
      ['', 'warning_space_password'],
      ['123456789', 'pass_too_weak'],
      ['PASSWORD', 'pass_too_weak'],
      ['Ab-1', 'pass_too_weak/size'],
      ['Abcdefg-h', 'pass_too_weak/number'],
      ['1234-5678', 'pass_too_weak/letter'],
      ['Abcd12345', 'pass_too_weak/char'],
      ['1A`S345678A*', undefined],
      ['atenção1', undefined],
    ];
    for (const [password, code] of cases) expect(passwordProblem(password)?.code, password).toBe(code);
  });
});

describe('PenhaS parameters', () => {
  const reasons = (schema: z.core.$ZodType, input: unknown) => {
    const result = z.safeParse(schema, input, { reportInput: true });
    return result.success ? [] : toFieldProblems(result.error.issues, 'body').map((p) => [p.reason, p.message]);
  };

  it('reports length first, then an empty value as missing', () => {
    expect(reasons(text({ min: 5 }), '')[0]).toEqual(['invalid_min_length', ' mínimo: 5 enviado: 0']);
    expect(reasons(text(), '')[0][0]).toBe('is_required');
    expect(reasons(text({ max: 3 }), 'abcd')[0]).toEqual(['invalid_max_length', ' máximo: 3 enviado: 4']);
    expect(reasons(z.object({ a: text() }), {})[0][0]).toBe('is_required');
  });

  it('checks e-mails, dates and names as the original types did', () => {
    expect(isEmail('maria+penhas@example.com.br')).toBe(true);
    expect(isEmail('maria@example')).toBe(false);
    expect(isEmail('maria silva@example.com')).toBe(false);
    expect(isDate('2000-02-29')).toBe(true);
    expect(isDate('1999-02-29')).toBe(false);
    expect(isDate('29/02/2000')).toBe(false);
    const name = signUpFields.nome_completo;
    expect(reasons(name, 'Maria da Silva')).toEqual([]);
    expect(reasons(name, "Joana d'Ávila")).toEqual([]);
    expect(reasons(name, 'Semespaço')[0][0]).toBe('invalid');
    expect(reasons(name, 'Maria 1 Silva')[0][0]).toBe('invalid');
  });
});
