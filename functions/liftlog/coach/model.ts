/**
 * The language model behind the coach, reached with the `openai` SDK at a
 * configurable base URL (OpenAI itself, or any compatible server such as the
 * local runtime's stand-in). One client per execution environment.
 */
import OpenAI from 'openai';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import { coachConfig } from './config.ts';

export type { ChatCompletionMessageParam as ChatMessage } from 'openai/resources/chat/completions';

let client: { openai: OpenAI; model: string } | undefined;

export async function chatModel(): Promise<{ openai: OpenAI; model: string }> {
  if (client) return client;
  const config = await coachConfig();
  if (!config.OPENAI_API_KEY) throw new Error('OPENAI_API_KEY is not configured');
  client = {
    // The app waits on the answer: one quick retry, never minutes of backoff.
    openai: new OpenAI({ apiKey: config.OPENAI_API_KEY, baseURL: config.OPENAI_BASE_URL, maxRetries: 1, timeout: 120_000 }),
    model: config.OPENAI_MODEL,
  };
  return client;
}

export function functionTool(name: string, description: string, parameters: object): ChatCompletionFunctionTool {
  return { type: 'function', function: { name, description, parameters: parameters as Record<string, unknown> } };
}
