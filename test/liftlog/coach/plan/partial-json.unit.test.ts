/**
 * The coach streams a plan as JSON that is still arriving; every prefix of a
 * document must read as a faithful beginning of it, never as something else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePartialJson } from '../../../../functions/liftlog/coach/plan/partial-json.ts';

/** `partial` could be what `full` looks like when its text is cut short. */
function isBeginningOf(partial: unknown, full: unknown): boolean {
  if (typeof full === 'string') return typeof partial === 'string' && full.startsWith(partial);
  if (Array.isArray(full)) {
    return Array.isArray(partial) && partial.length <= full.length && partial.every((item, i) => isBeginningOf(item, full[i]));
  }
  if (full !== null && typeof full === 'object') {
    if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) return false;
    return Object.entries(partial).every(([name, value]) => Object.hasOwn(full, name) && isBeginningOf(value, (full as Record<string, unknown>)[name]));
  }
  return Object.is(partial, full);
}

// Containers at the top: a bare number at the end of the text may still be growing, so it reads as nothing yet.
const documents = fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())).map((value) => JSON.parse(JSON.stringify(value)) as unknown);

const spacedText = (value: unknown) => fc.constantFrom(JSON.stringify(value), JSON.stringify(value, null, 2));

describe('parsePartialJson', () => {
  it('reads a complete document as JSON.parse does', () => {
    fc.assert(
      fc.property(
        documents.chain((value) => spacedText(value).map((text) => [value, text] as const)),
        ([value, text]) => {
          expect(parsePartialJson(text)).toEqual(value);
        },
      ),
    );
  });

  it('reads every prefix of a document as a beginning of that document', () => {
    fc.assert(
      fc.property(
        documents.chain((value) => spacedText(value).chain((text) => fc.nat({ max: text.length }).map((cut) => [value, text.slice(0, cut)] as const))),
        ([value, prefix]) => {
          const read = parsePartialJson(prefix);
          if (read !== undefined) expect(isBeginningOf(read, value)).toBe(true);
        },
      ),
    );
  });

  it('answers undefined, never throws, for text that can never become JSON', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        let read: unknown;
        expect(() => (read = parsePartialJson(text))).not.toThrow();
        if (read !== undefined) expect(() => JSON.stringify(read)).not.toThrow();
      }),
    );
    for (const text of ['}', '[1,,2]', '{"a" 1}', '{"a":tru e}', '["\\x"]', '[01]']) expect(parsePartialJson(text)).toBeUndefined();
  });

  it('leaves out a member whose value has not started, and a number that may still grow', () => {
    expect(parsePartialJson('{"name":"Push","sets":')).toEqual({ name: 'Push' });
    expect(parsePartialJson('{"reps":[8,1')).toEqual({ reps: [8] });
    expect(parsePartialJson('{"note":"half a \\u00')).toEqual({ note: 'half a ' });
    expect(parsePartialJson('[true, fa')).toEqual([true]);
  });

  it('reads a member named __proto__ as an own member, as JSON.parse does, never as the prototype', () => {
    const read = parsePartialJson('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.keys(read)).toEqual(['__proto__', 'a']);
    expect((read as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
