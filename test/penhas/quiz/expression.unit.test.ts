import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluate, perlString, QuizExpressionError, render, testCondition } from '../../../functions/penhas/quiz/expression.ts';

describe('quiz conditions', () => {
  const vars = {
    cliente: { genero: 'Feminino', apelido: 'Ana', ja_completou_mf: 1 },
    B1_P1: 'Y',
    groupq: 4,
    text_num: '4',
    B1_P3_json: '["casa-abrigo","auxilio-aluguel"]',
    empty: '',
    zero: '0',
  };

  it.each([
    ['1', true],
    ['0', false],
    ["B1_P1 == 'Y'", true],
    ["B1_P1 == 'N'", false],
    ["B1_P1 != 'N'", true],
    ["B1_P1 == 'N' || B1_P1 == 'Y'", true],
    ["B1_P1 == 'Y' && groupq > 2", true],
    ["B1_P1 == 'Y' and groupq < 2", false],
    ["not (B1_P1 == 'N')", true],
    ["!(B1_P1 == 'Y')", false],
    ["cliente.genero == 'Feminino' || cliente.genero == 'MulherTrans'", true],
    ["cliente.ja_completou_mf == '1'", true],
    ['groupq == 4', true],
    ['text_num == 4', true],
    ['groupq >= 4 && groupq <= 4', true],
    ['groupq - 4', false],
    ['groupq % 3 == 1', true],
    ["is_json_member('casa-abrigo', B1_P3_json)", true],
    ["is_json_member('x', B1_P3_json)", false],
    ["is_json_member('x', missing)", false],
    ['missing', false],
    ["missing == ''", false],
    ['empty', false],
    ['zero', false],
    ['!missing', true],
    ['cliente.nope.deeper', false],
    ["B1_P1 == 'Y' ? 1 : 0", true],
  ])('%s → %s', (expression, expected) => {
    expect(testCondition(expression, vars)).toBe(expected);
  });

  it('reads strings with escaped quotes', () => {
    expect(evaluate("'it\\'s'", {})).toBe("it's");
  });

  it('refuses what it cannot read, never running code', () => {
    for (const bad of ['B1_P1 ==', 'process.exit(1)', 'a = 1', "'open", '(1', 'x;y']) {
      expect(() => testCondition(bad, vars), bad).toThrow(QuizExpressionError);
    }
  });

  it('prints numbers as Perl does', () => {
    expect(perlString(0.1 + 0.2)).toBe('0.3');
    expect(perlString(4)).toBe('4');
    expect(perlString(undefined)).toBe('');
  });
});

describe('quiz texts', () => {
  it('interpolates, escaping HTML', () => {
    expect(render('HELLO[% cliente.apelido %]!', { cliente: { apelido: 'Quiz User Name' } })).toBe('HELLOQuiz User Name!');
    expect(render('freetext=[% freetext %]', { freetext: '<b>&' })).toBe('freetext=&lt;b&gt;&amp;');
    expect(render('[% missing %]x', {})).toBe('x');
    expect(render('', {})).toBe('');
  });

  it('renders IF / ELSIF / ELSE blocks', () => {
    const template = "[%IF refazer=='Y'%]de novo[% ELSIF refazer == 'N' %]não[%ELSE%]talvez[%END%]!";
    expect(render(template, { refazer: 'Y' })).toBe('de novo!');
    expect(render(template, { refazer: 'N' })).toBe('não!');
    expect(render(template, {})).toBe('talvez!');
  });

  it('joins JSON arrays as the original', () => {
    expect(render('[% json_array_to_string(x) %]', { x: '["a","b","c"]' })).toBe('a, b e c');
    expect(render("[% json_array_to_string(x, 'd', 'a') %]", { x: '["a","b"]' })).toBe('b e d');
    expect(render('[% json_array_to_string(x) %]', { x: '["a"]' })).toBe('a');
  });
});

describe('quiz expressions against any input', () => {
  const vars = { a: 'Y', n: 3, cliente: { genero: 'Feminino' } };
  const alphabet = fc.constantFrom(...'aneY3 ()!=&|<>\'".,+-*/%~?:[]_cliente genero is_json_member'.split(''));

  it('either evaluate or refuse with QuizExpressionError, never anything else', () => {
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 40 }), (source) => {
        try {
          testCondition(source, vars);
          render(`x[% ${source} %]y`, vars);
        } catch (error) {
          expect(error).toBeInstanceOf(QuizExpressionError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('text without tags renders as itself', () => {
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.includes('[%')),
        (text) => {
          expect(render(text, vars)).toBe(text);
        },
      ),
    );
  });
});
