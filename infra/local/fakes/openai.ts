/**
 * An OpenAI-compatible chat completions server on the runtime's port, so
 * functions that talk to a model through the `openai` SDK run locally with no
 * key and answer deterministically:
 *
 *   POST   /_local/openai/v1/chat/completions   streaming (SSE) or not
 *   GET    /_local/openai/requests              the request bodies received, oldest first
 *   DELETE /_local/openai/requests              forgets them
 *
 * The answer is a short text, streamed in several chunks. When the request
 * forces a tool, or offers tools and the last user message asks for a plan, a
 * workout or a program, the answer is a call of that (or the first) tool with
 * arguments made up from its JSON Schema, streamed in several chunks. A last
 * user message containing "slowly" streams slowly (so a test can interrupt
 * it), one containing "very slowly" streams for about 12 s in all (longer than
 * a WebSocket route may run), and one containing "[fail]" is answered with a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type ProviderFake } from '../component.ts';
import { fakePath } from './provider-api.ts';

const PREFIX = fakePath('openai');
const COMPLETIONS = `${PREFIX}/v1/chat/completions`;
const REQUESTS = `${PREFIX}/requests`;
const KEPT_REQUESTS = 200;
const CHUNK_DELAY_MS = 5;
const SLOW_CHUNK_DELAY_MS = 60;
const SLOW_REPEATS = 3;
const VERY_SLOW_ANSWER_MS = 12_000;
const ARGUMENT_CHUNKS = 6;

type Json = Record<string, any>;

interface Tool {
  type: 'function';
  function: { name: string; parameters?: Json };
}

const ASKS_FOR_PLAN = /\b(plan|workout|program|programme)s?\b/i;

export class FakeOpenAi implements ProviderFake {
  readonly name = 'openai';
  private readonly received: Json[] = [];
  private sequence = 0;
  private baseUrl = '';

  mount(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  describe(): string[] {
    return [`fake     POST ${this.baseUrl}${COMPLETIONS}  (OpenAI-compatible stand-in; requests at ${REQUESTS})`];
  }

  async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    if (url.pathname === REQUESTS) {
      if (req.method === 'DELETE') this.received.length = 0;
      sendJson(res, 200, { requests: this.received });
      return true;
    }
    if (url.pathname !== COMPLETIONS) return false;
    if (req.method !== 'POST') {
      sendJson(res, 405, { error: { message: 'Method Not Allowed', type: 'invalid_request_error' } });
      return true;
    }
    let body: Json;
    try {
      body = JSON.parse((await readBody(req))?.toString('utf8') ?? '');
      if (!Array.isArray(body.messages)) throw new Error('messages must be an array');
    } catch (error) {
      sendJson(res, 400, { error: { message: `Invalid request: ${(error as Error).message}`, type: 'invalid_request_error' } });
      return true;
    }
    this.received.push(body);
    if (this.received.length > KEPT_REQUESTS) this.received.shift();
    await this.answer(body, res);
    return true;
  }

  async stop(): Promise<void> {}

  private async answer(body: Json, res: ServerResponse): Promise<void> {
    const asked = lastUserText(body.messages);
    if (asked.includes('[fail]')) return sendJson(res, 500, { error: { message: 'The model failed, as asked.', type: 'server_error' } });
    const id = `chatcmpl-local-${++this.sequence}`;
    const tool = toolToCall(body, asked);
    const text = tool ? 'Here is a plan for you.' : `You said: ${asked.slice(0, 80)}. How many days a week can you train?`;
    const call = tool && { id: `call_local_${this.sequence}`, name: tool.function.name, arguments: JSON.stringify(exampleOf(tool.function.parameters ?? {})) };
    const model = typeof body.model === 'string' ? body.model : 'local';

    if (!body.stream) {
      const message = call
        ? { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }] }
        : { role: 'assistant', content: text };
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message, finish_reason: call ? 'tool_calls' : 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }

    const slow = /\bslowly\b/i.test(asked);
    const deltas: Json[] = [{ role: 'assistant', content: '' }];
    const words = (slow ? Array(SLOW_REPEATS).fill(text).join(' ') : text).split(/(?<= )/);
    for (const word of words) deltas.push({ content: word });
    if (call) {
      deltas.push({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] });
      const size = Math.ceil(call.arguments.length / (slow ? ARGUMENT_CHUNKS * SLOW_REPEATS : ARGUMENT_CHUNKS));
      for (let at = 0; at < call.arguments.length; at += size) {
        deltas.push({ tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(at, at + size) } }] });
      }
    }

    const delay = /\bvery slowly\b/i.test(asked) ? VERY_SLOW_ANSWER_MS / deltas.length : slow ? SLOW_CHUNK_DELAY_MS : CHUNK_DELAY_MS;

    let clientLeft = false;
    res.once('close', () => (clientLeft = !res.writableFinished));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const created = Math.floor(Date.now() / 1000);
    const chunk = (delta: Json, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    for (const delta of deltas) {
      if (clientLeft) return;
      res.write(chunk(delta, null));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    if (clientLeft) return;
    res.end(`${chunk({}, call ? 'tool_calls' : 'stop')}data: [DONE]\n\n`);
  }
}

function lastUserText(messages: Json[]): string {
  const last = [...messages].reverse().find((message) => message?.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  return Array.isArray(last.content) ? last.content.map((part: Json) => (typeof part?.text === 'string' ? part.text : '')).join('') : '';
}

/** The tool the request forces, or the first tool offered when the user asks for a plan. */
function toolToCall(body: Json, asked: string): Tool | undefined {
  const tools = (Array.isArray(body.tools) ? body.tools : []).filter((tool: Json) => tool?.type === 'function' && tool.function?.name) as Tool[];
  const forced = body.tool_choice?.type === 'function' ? body.tool_choice.function?.name : undefined;
  if (forced) return tools.find((tool) => tool.function.name === forced);
  if (body.tool_choice === 'none' || !ASKS_FOR_PLAN.test(asked)) return undefined;
  return tools[0];
}

const FORMAT_EXAMPLES: Record<string, string> = {
  date: '2025-01-06',
  'date-time': '2025-01-06T08:00:00Z',
  duration: 'PT1M30S',
  decimal: '2.5',
};

/**
 * A small instance of a JSON Schema: required members only (all when none are
 * listed), two items per array, the first of any alternatives, examples for
 * the common string formats.
 */
export function exampleOf(schema: Json, root: Json = schema, name = 'value', depth = 0): unknown {
  if (depth > 16) return null;
  if (typeof schema.$ref === 'string') {
    const path = schema.$ref.replace(/^#\//, '').split('/');
    return exampleOf(path.reduce((node: Json, part: string) => node?.[part], root) ?? {}, root, name, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(alternatives)) return exampleOf(alternatives[0], root, name, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type ?? (schema.properties ? 'object' : 'string')) {
    case 'object': {
      const properties: Json = schema.properties ?? {};
      const names: string[] = Array.isArray(schema.required) ? schema.required : Object.keys(properties);
      return Object.fromEntries(names.map((member) => [member, exampleOf(properties[member] ?? {}, root, member, depth + 1)]));
    }
    case 'array':
      return Array.from({ length: Math.max(2, schema.minItems ?? 0) }, () => exampleOf(schema.items ?? {}, root, name, depth + 1));
    case 'integer':
      return Math.max(3, schema.minimum ?? 0);
    case 'number':
      return Math.max(2.5, schema.minimum ?? 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return FORMAT_EXAMPLES[schema.format] ?? `Example ${name}`;
  }
}
