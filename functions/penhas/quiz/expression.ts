/**
 * The quiz content's little template language, evaluated without `eval`: the
 * subset of TTerse (Text::Xslate) the questionnaires use. Conditions and
 * relevances are single expressions (`B1_P1 == 'Y' || cliente.ja_completou_mf == '1'`,
 * `is_json_member('casa-abrigo', B1_P3_json)`); texts interpolate `[% expr %]`
 * and may hold `[% IF … %]…[% ELSIF … %]…[% ELSE %]…[% END %]` blocks.
 *
 * Values follow Perl's rules: false is undef, '' and '0' (and 0); `==` compares
 * numbers when both sides are numbers and strings otherwise; interpolated values
 * are HTML-escaped, as Xslate's html mode does. A malformed expression throws
 * QuizExpressionError.
 */

export class QuizExpressionError extends Error {}

type Value = unknown;
export type Vars = Record<string, unknown>;

// ---------------------------------------------------------------- tokens

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'id'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', ',', '.', '+', '-', '*', '/', '%', '~', '?', ':', '[', ']'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(?:\.[0-9]+)?/.exec(source.slice(i))!;
      tokens.push({ t: 'num', v: Number(match[0]) });
      i += match[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (; j < source.length && source[j] !== c; j++) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const next = source[++j];
          value += c === '"' && next === 'n' ? '\n' : c === '"' && next === 't' ? '\t' : next;
        } else value += source[j];
      }
      if (j >= source.length) throw new QuizExpressionError(`unterminated string in ${source}`);
      tokens.push({ t: 'str', v: value });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(c)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_]*/.exec(source.slice(i))!;
      tokens.push({ t: 'id', v: match[0] });
      i += match[0].length;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new QuizExpressionError(`unexpected '${c}' in ${source}`);
    tokens.push({ t: 'op', v: op });
    i += op.length;
  }
  tokens.push({ t: 'end' });
  return tokens;
}

// ---------------------------------------------------------------- syntax tree

type Node =
  | { k: 'lit'; v: Value }
  | { k: 'var'; name: string }
  | { k: 'field'; of: Node; name: Node }
  | { k: 'call'; name: string; args: Node[] }
  | { k: 'unary'; op: string; arg: Node }
  | { k: 'binary'; op: string; left: Node; right: Node }
  | { k: 'cond'; test: Node; then: Node; else: Node };

const WORD_OPERATORS: Record<string, string> = { and: '&&', or: '||', not: '!', mod: '%' };

class Parser {
  private position = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Node {
    const node = this.ternary();
    if (this.peek().t !== 'end') throw this.error();
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  /** The operator at the cursor, word operators (`and`, `or`, `not`, `mod`) read as their symbols. */
  private peekOp(): string | undefined {
    const token = this.peek();
    if (token.t === 'op') return token.v;
    if (token.t === 'id' && Object.hasOwn(WORD_OPERATORS, token.v)) return WORD_OPERATORS[token.v];
    return undefined;
  }

  private take(op: string): boolean {
    if (this.peekOp() !== op) return false;
    this.position++;
    return true;
  }

  private expect(op: string): void {
    if (!this.take(op)) throw this.error();
  }

  private error(): QuizExpressionError {
    return new QuizExpressionError(`cannot read the expression ${JSON.stringify(this.source)}`);
  }

  private ternary(): Node {
    const test = this.or();
    if (!this.take('?')) return test;
    const then = this.ternary();
    this.expect(':');
    return { k: 'cond', test, then, else: this.ternary() };
  }

  private binaryLevel(operators: string[], next: () => Node): Node {
    let left = next();
    for (;;) {
      const op = this.peekOp();
      if (!op || !operators.includes(op)) return left;
      this.position++;
      left = { k: 'binary', op, left, right: next() };
    }
  }

  private or = (): Node => this.binaryLevel(['||'], this.and);
  private and = (): Node => this.binaryLevel(['&&'], this.equality);
  private equality = (): Node => this.binaryLevel(['==', '!='], this.relational);
  private relational = (): Node => this.binaryLevel(['<', '>', '<=', '>='], this.additive);
  private additive = (): Node => this.binaryLevel(['+', '-', '~'], this.multiplicative);
  private multiplicative = (): Node => this.binaryLevel(['*', '/', '%'], this.unary);

  private unary = (): Node => {
    const op = this.peekOp();
    if (op === '!' || op === '-' || op === '+') {
      this.position++;
      return { k: 'unary', op, arg: this.unary() };
    }
    return this.postfix();
  };

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.take('.')) {
        const token = this.peek();
        if (token.t !== 'id' && token.t !== 'num') throw this.error();
        this.position++;
        node = { k: 'field', of: node, name: { k: 'lit', v: String(token.v) } };
      } else if (this.take('[')) {
        const name = this.ternary();
        this.expect(']');
        node = { k: 'field', of: node, name };
      } else return node;
    }
  }

  private primary(): Node {
    const token = this.peek();
    if (token.t === 'num' || token.t === 'str') {
      this.position++;
      return { k: 'lit', v: token.v };
    }
    if (token.t === 'id') {
      this.position++;
      if (this.peekOp() === '(') {
        this.position++;
        const args: Node[] = [];
        if (!this.take(')')) {
          do args.push(this.ternary());
          while (this.take(','));
          this.expect(')');
        }
        return { k: 'call', name: token.v, args };
      }
      if (token.v === 'true') return { k: 'lit', v: 1 };
      if (token.v === 'false') return { k: 'lit', v: '' };
      if (token.v === 'undef' || token.v === 'nil' || token.v === 'null') return { k: 'lit', v: undefined };
      return { k: 'var', name: token.v };
    }
    if (this.take('(')) {
      const node = this.ternary();
      this.expect(')');
      return node;
    }
    throw this.error();
  }
}

const parsed = new Map<string, Node>();

function parse(source: string): Node {
  let node = parsed.get(source);
  if (!node) {
    node = new Parser(tokenize(source), source).parse();
    if (parsed.size > 5000) parsed.clear();
    parsed.set(source, node);
  }
  return node;
}

// ---------------------------------------------------------------- Perl values

/** Perl's truth: undef, '', '0' and 0 are false. */
export function perlTrue(value: Value): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '' && value !== '0';
  return true;
}

/** A value as Perl prints it (numbers with up to 15 significant digits). */
export function perlString(value: Value): string {
  if (value === undefined || value === null || value === false) return '';
  if (value === true) return '1';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return String(value);
    return String(Number(value.toPrecision(15)));
  }
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A value as Perl reads it as a number: the leading number of a string, else 0. */
export function perlNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (value === true) return 1;
  if (typeof value !== 'string') return 0;
  const match = /^\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?/.exec(value);
  return match ? Number(match[0]) : 0;
}

function equals(a: Value, b: Value): boolean {
  const aUndef = a === undefined || a === null;
  const bUndef = b === undefined || b === null;
  if (aUndef || bUndef) return aUndef && bUndef;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return perlString(a) === perlString(b);
}

const FUNCTIONS: Record<string, (...args: Value[]) => Value> = {
  is_json_member(member, json) {
    if (!perlTrue(json)) return 0;
    const text = perlString(json);
    if (!text.startsWith('[')) return 0;
    let array: unknown;
    try {
      array = JSON.parse(text);
    } catch {
      return 0;
    }
    return Array.isArray(array) && array.some((item) => perlString(item) === perlString(member)) ? 1 : 0;
  },
  json_array_to_string(json, extraMember, skipMember) {
    if (!perlTrue(json)) return 'json_array_to_string: not an json';
    const text = perlString(json);
    if (!text.startsWith('[')) return 'json_array_to_string: not an array';
    let items: Value[];
    try {
      items = JSON.parse(text) as Value[];
    } catch {
      return 'json_array_to_string: not an json';
    }
    if (perlTrue(extraMember)) items.push(extraMember);
    items = items.filter(perlTrue);
    if (perlTrue(skipMember)) items = items.filter((item) => perlString(item) !== perlString(skipMember));
    if (items.length === 1) return perlString(items[0]);
    const last = items.pop();
    return `${items.map(perlString).join(', ')} e ${perlString(last)}`;
  },
};

function evaluateNode(node: Node, vars: Vars): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'var':
      return Object.hasOwn(vars, node.name) ? vars[node.name] : undefined;
    case 'field': {
      const of = evaluateNode(node.of, vars);
      const name = perlString(evaluateNode(node.name, vars));
      if (of === null || typeof of !== 'object') return undefined;
      if (Array.isArray(of)) return of[perlNumber(name)];
      return Object.hasOwn(of, name) ? (of as Record<string, unknown>)[name] : undefined;
    }
    case 'call': {
      const fn = FUNCTIONS[node.name];
      if (!fn) throw new QuizExpressionError(`unknown function ${node.name}`);
      return fn(...node.args.map((arg) => evaluateNode(arg, vars)));
    }
    case 'unary': {
      const arg = evaluateNode(node.arg, vars);
      if (node.op === '!') return perlTrue(arg) ? '' : 1;
      return node.op === '-' ? -perlNumber(arg) : perlNumber(arg);
    }
    case 'cond':
      return perlTrue(evaluateNode(node.test, vars)) ? evaluateNode(node.then, vars) : evaluateNode(node.else, vars);
    case 'binary': {
      if (node.op === '&&') {
        const left = evaluateNode(node.left, vars);
        return perlTrue(left) ? evaluateNode(node.right, vars) : left;
      }
      if (node.op === '||') {
        const left = evaluateNode(node.left, vars);
        return perlTrue(left) ? left : evaluateNode(node.right, vars);
      }
      const left = evaluateNode(node.left, vars);
      const right = evaluateNode(node.right, vars);
      switch (node.op) {
        case '==':
          return equals(left, right) ? 1 : '';
        case '!=':
          return equals(left, right) ? '' : 1;
        case '<':
          return perlNumber(left) < perlNumber(right) ? 1 : '';
        case '>':
          return perlNumber(left) > perlNumber(right) ? 1 : '';
        case '<=':
          return perlNumber(left) <= perlNumber(right) ? 1 : '';
        case '>=':
          return perlNumber(left) >= perlNumber(right) ? 1 : '';
        case '+':
          return perlNumber(left) + perlNumber(right);
        case '-':
          return perlNumber(left) - perlNumber(right);
        case '*':
          return perlNumber(left) * perlNumber(right);
        case '/':
          if (perlNumber(right) === 0) throw new QuizExpressionError('division by zero');
          return perlNumber(left) / perlNumber(right);
        case '%':
          if (Math.trunc(perlNumber(right)) === 0) throw new QuizExpressionError('division by zero');
          return Math.trunc(perlNumber(left)) % Math.trunc(perlNumber(right));
        case '~':
          return perlString(left) + perlString(right);
      }
    }
  }
  throw new QuizExpressionError('unknown expression');
}

/** The value of one expression. */
export function evaluate(expression: string, vars: Vars): Value {
  return evaluateNode(parse(expression), vars);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

/** The original's `tt_test_condition`: the expression rendered, then read as Perl truth. */
export function testCondition(expression: string, vars: Vars): boolean {
  return perlTrue(escapeHtml(perlString(evaluate(expression, vars))));
}

// ---------------------------------------------------------------- templates

type Piece = { text: string } | { expr: string } | { directive: 'IF' | 'UNLESS' | 'ELSIF'; expr: string } | { directive: 'ELSE' | 'END' };

function pieces(template: string): Piece[] {
  const out: Piece[] = [];
  const tag = /\[%(-?)([\s\S]*?)(-?)%\]/g;
  let last = 0;
  let chompNext = false;
  for (let match = tag.exec(template); match; match = tag.exec(template)) {
    let text = template.slice(last, match.index);
    if (chompNext) text = text.replace(/^[ \t]*\r?\n?/, '');
    if (match[1] === '-') text = text.replace(/\r?\n?[ \t]*$/, '');
    if (text) out.push({ text });
    chompNext = match[3] === '-';
    last = tag.lastIndex;
    const body = match[2].trim();
    const directive = /^(IF|UNLESS|ELSIF|ELSE|END)\b\s*([\s\S]*)$/.exec(body);
    if (directive) {
      const name = directive[1] as 'IF' | 'UNLESS' | 'ELSIF' | 'ELSE' | 'END';
      if (name === 'ELSE' || name === 'END') out.push({ directive: name });
      else out.push({ directive: name, expr: directive[2] });
    } else if (body) out.push({ expr: body });
  }
  let tail = template.slice(last);
  if (chompNext) tail = tail.replace(/^[ \t]*\r?\n?/, '');
  if (tail) out.push({ text: tail });
  return out;
}

/** The original's `tt_render`: interpolations and IF blocks; '' for an empty template. */
export function render(template: string | null | undefined, vars: Vars): string {
  if (!template) return '';
  const list = pieces(template);
  let position = 0;

  // Renders until one of `stops` (at the same nesting level); answers the directive that stopped it.
  const block = (emit: boolean, stops: string[]): { out: string; stop?: Piece } => {
    let out = '';
    while (position < list.length) {
      const piece = list[position++];
      if ('text' in piece) {
        if (emit) out += piece.text;
      } else if (!('directive' in piece)) {
        if (emit) out += escapeHtml(perlString(evaluate(piece.expr, vars)));
      } else if (piece.directive === 'IF' || piece.directive === 'UNLESS') {
        let taken = false;
        let branch: Piece = piece;
        for (;;) {
          let holds = false;
          if (!taken && emit) {
            if ('expr' in branch) {
              holds = perlTrue(evaluate(branch.expr, vars));
              if ((branch as { directive?: string }).directive === 'UNLESS') holds = !holds;
            } else holds = true;
          }
          const inner = block(emit && holds, ['ELSIF', 'ELSE', 'END']);
          if (holds) {
            out += inner.out;
            taken = true;
          }
          if (!inner.stop) throw new QuizExpressionError('IF without END');
          if ((inner.stop as { directive: string }).directive === 'END') break;
          branch = inner.stop;
        }
      } else if (stops.includes(piece.directive)) return { out, stop: piece };
      else throw new QuizExpressionError(`unexpected ${piece.directive}`);
    }
    return { out };
  };

  const result = block(true, []);
  return result.out;
}
