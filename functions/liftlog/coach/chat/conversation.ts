/**
 * One turn of the coach's chat: the user's message and the model's streamed
 * answer. Text goes out as it grows (the whole text each time); a plan comes
 * as the `create_workout_plan` tool's arguments, sent as they stream in and/or
 * once complete, depending on the hub's dialect.
 *
 * It runs in the turn queue's consumer, which watches the turn's state in
 * DynamoDB while it streams: a stop (StopInProgress), a cleared chat
 * (RestartChat, disconnect) or a newer turn ends it at once, nothing more is
 * sent, and the turn is not kept.
 */
import type { ChatCompletionFunctionTool, ChatCompletionMessageToolCall } from 'openai/resources/chat/completions';
import { chatModel, type ChatMessage } from '../model.ts';
import { parsePartialJson } from '../plan/partial-json.ts';
import { completeTurn, endTurn, readHistory, turnState, type Turn } from './chat-state.ts';
import { LatestUpdates, type Delivery } from './latest-updates.ts';

/** What differs between the hubs: the plan tool, and what the client is sent about a plan. */
export interface Dialect {
  tool: ChatCompletionFunctionTool;
  /** The update for plan arguments still streaming; undefined sends none. */
  partialPlan?(args: unknown): object | undefined;
  completePlan(args: unknown): object;
}

/** Sends one response object to the client. */
export type Emit = (response: object) => Promise<Delivery>;

const HISTORY_LIMIT = 20;
const STATE_POLL_MS = 250;
const TOOL_RESULT = 'The plan was created and sent to the user.';

const SYSTEM_PROMPT = [
  'You are the LiftLog AI planner. You only help people put together gym workouts and training plans.',
  'When someone asks for a plan, make one straight away instead of asking more questions.',
  'Do not get drawn into nutrition or unrelated topics.',
  'Answer in the language the user writes in, or the one they ask for. Keep answers short and do not use markdown.',
  'A workout is a list of exercises, each done for a number of sets of a number of reps.',
  'Ask for details only when you really need them; as soon as you can make a plan, call the create_workout_plan tool.',
  'When the user shares a plan of their own to improve, keep their exercise names exactly as they wrote them',
  '(case and plurals included): LiftLog matches exercise history by name.',
].join(' ');

interface ToolCallDraft {
  id: string;
  name: string;
  args: string;
}

/** The last `HISTORY_LIMIT` messages, starting at a user message (a tool result must follow its call). */
function trimHistory(messages: ChatMessage[]): ChatMessage[] {
  const recent = messages.slice(-HISTORY_LIMIT);
  const firstUser = recent.findIndex((message) => message.role === 'user');
  return firstUser < 0 ? [] : recent.slice(firstUser);
}

/** Complete arguments as they are; arguments cut short (a stopped model) as far as they go. */
function parseArgs(args: string): unknown {
  try {
    return JSON.parse(args);
  } catch {
    return parsePartialJson(args) ?? {};
  }
}

/** Streams the answer to a turn taken from the queue (chat-state.ts `takeTurn`), and keeps it unless the turn was ended meanwhile. */
export async function converse(connectionId: string, { turnId, text: userText }: Turn, dialect: Dialect, emit: Emit): Promise<void> {
  const [{ openai, model }, history] = await Promise.all([chatModel(), readHistory(connectionId)]).catch(async (error: unknown) => {
    await endTurn(connectionId, turnId);
    throw error;
  });
  const userMessage: ChatMessage = { role: 'user', content: userText };
  const abort = new AbortController();
  const updates = new LatestUpdates<'text' | 'plan'>(emit, () => abort.abort());
  abort.signal.addEventListener('abort', () => updates.halt());

  // Another invocation may stop, clear or supersede this turn at any moment; it says so in the turn's state.
  let watching = true;
  let timer: NodeJS.Timeout | undefined;
  const check = async () => {
    const state = await turnState(connectionId, turnId).catch(() => 'running' as const);
    if (state !== 'running') abort.abort();
    else if (watching) timer = setTimeout(check, STATE_POLL_MS);
  };
  timer = setTimeout(check, STATE_POLL_MS);

  let text = '';
  const calls: ToolCallDraft[] = [];
  let lastPartial = '';
  try {
    const stream = await openai.chat.completions.create(
      { model, stream: true, messages: [{ role: 'system', content: SYSTEM_PROMPT }, ...history, userMessage], tools: [dialect.tool] },
      { signal: abort.signal },
    );
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      if (!delta) continue;
      if (delta.content) {
        text += delta.content;
        updates.push('text', { type: 'messageResponse', message: text });
      }
      for (const call of delta.tool_calls ?? []) {
        calls[call.index] ??= { id: '', name: '', args: '' };
        const draft = calls[call.index];
        draft.id ||= call.id ?? '';
        draft.name ||= call.function?.name ?? '';
        draft.args += call.function?.arguments ?? '';
        if (draft.name !== dialect.tool.function.name || !dialect.partialPlan) continue;
        const update = dialect.partialPlan(parsePartialJson(draft.args));
        const serialized = JSON.stringify(update);
        if (update && serialized !== lastPartial) {
          lastPartial = serialized;
          updates.push('plan', update);
        }
      }
    }
    for (const call of calls.filter((c) => c.name === dialect.tool.function.name)) {
      updates.push('plan', dialect.completePlan(parseArgs(call.args)));
    }
    await updates.settled();
  } catch (error) {
    updates.halt();
    await updates.settled().catch(() => undefined);
    if (!abort.signal.aborted) {
      await endTurn(connectionId, turnId);
      throw error;
    }
  } finally {
    watching = false;
    clearTimeout(timer);
  }

  // Stopped, cleared, superseded, or the client left: nothing of this turn is kept.
  if (abort.signal.aborted) return endTurn(connectionId, turnId);
  const answered = answerMessages(text, calls.filter(Boolean));
  await completeTurn(connectionId, turnId, trimHistory([...history, userMessage, ...answered]));
}

/** The assistant's answer as history: its text and tool calls, then a result for each call. */
function answerMessages(text: string, calls: ToolCallDraft[]): ChatMessage[] {
  if (!text && calls.length === 0) return [];
  const toolCalls: ChatCompletionMessageToolCall[] = calls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: call.args },
  }));
  return [
    { role: 'assistant', content: text || null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
    ...calls.map((call): ChatMessage => ({ role: 'tool', tool_call_id: call.id, content: TOOL_RESULT })),
  ];
}
