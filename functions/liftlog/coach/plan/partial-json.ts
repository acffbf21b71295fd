/**
 * Reads a JSON document that is still being streamed: whatever has arrived is
 * returned as if the text ended there properly. Open strings, arrays and
 * objects are closed; a member whose value has not started (or a literal or
 * number cut in the middle) is left out. Text that can never become JSON
 * answers undefined.
 */

const INCOMPLETE = Symbol('incomplete');
type Read = unknown | typeof INCOMPLETE;

class Malformed extends Error {}

const LITERALS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

class Reader {
  private at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }

  value(): Read {
    if (this.done) return INCOMPLETE;
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (char === '"') return this.string().value;
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    return this.literal();
  }

  private object(): Record<string, unknown> {
    this.at++;
    const result: Record<string, unknown> = {};
    for (;;) {
      if (this.done) return result;
      if (this.peek('}')) return result;
      if (this.text[this.at] !== '"') throw new Malformed();
      const name = this.string();
      if (!name.complete || this.done) return result;
      if (this.text[this.at] !== ':') throw new Malformed();
      this.at++;
      const value = this.value();
      if (value === INCOMPLETE) return result;
      // As JSON.parse does: a member named `__proto__` is an own property, never the object's prototype.
      Object.defineProperty(result, name.value, { value, enumerable: true, writable: true, configurable: true });
      if (this.done) return result;
      if (this.peek('}')) return result;
      if (!this.peek(',')) throw new Malformed();
    }
  }

  private array(): unknown[] {
    this.at++;
    const result: unknown[] = [];
    for (;;) {
      if (this.done) return result;
      if (this.peek(']')) return result;
      const value = this.value();
      if (value === INCOMPLETE) return result;
      result.push(value);
      if (this.done) return result;
      if (this.peek(']')) return result;
      if (!this.peek(',')) throw new Malformed();
    }
  }

  private string(): { value: string; complete: boolean } {
    this.at++;
    let value = '';
    while (this.at < this.text.length) {
      const char = this.text[this.at];
      if (char === '"') {
        this.at++;
        return { value, complete: true };
      }
      if (char !== '\\') {
        value += char;
        this.at++;
        continue;
      }
      const escaped = this.text[this.at + 1];
      if (escaped === undefined) break;
      if (escaped === 'u') {
        const hex = this.text.slice(this.at + 2, this.at + 6);
        if (hex.length < 4) break;
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Malformed();
        value += String.fromCharCode(parseInt(hex, 16));
        this.at += 6;
        continue;
      }
      if (!(escaped in ESCAPES)) throw new Malformed();
      value += ESCAPES[escaped];
      this.at += 2;
    }
    this.at = this.text.length;
    return { value, complete: false };
  }

  private number(): Read {
    const run = /^[-+0-9.eE]+/.exec(this.text.slice(this.at))![0];
    this.at += run.length;
    // A number touching the end of the text may still be growing ("1" of "12", "1." of "1.5").
    if (this.at >= this.text.length) return INCOMPLETE;
    if (!NUMBER.test(run)) throw new Malformed();
    return Number(run);
  }

  private literal(): Read {
    const rest = this.text.slice(this.at);
    for (const [word, value] of Object.entries(LITERALS)) {
      if (rest.startsWith(word)) {
        this.at += word.length;
        return value;
      }
      if (word.startsWith(rest)) {
        this.at = this.text.length;
        return INCOMPLETE;
      }
    }
    throw new Malformed();
  }

  private peek(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at++;
    return true;
  }

  private skipSpace(): void {
    while (this.at < this.text.length && ' \t\n\r'.includes(this.text[this.at])) this.at++;
  }
}

export function parsePartialJson(text: string): unknown {
  try {
    const value = new Reader(text).value();
    return value === INCOMPLETE ? undefined : value;
  } catch (error) {
    if (error instanceof Malformed) return undefined;
    throw error;
  }
}
