/**
 * A call's analysis from its transcripts: a short summary, the customer's
 * sentiment (positive, neutral, negative) and suggestions for the agent (what
 * to say or do next), asked of the language model through a function tool it
 * is made to call, so the answer has a schema and is checked against it.
 *
 * Runs only in the `call-ai` queue's consumer (ai-jobs.ts). The analysis is
 * stored on the call (`ai`, and `sentiment` where the supervisor summary reads
 * it) with a digest of the transcripts it read: a redelivered job, or a second
 * one for the same transcripts, finds that digest and asks the model nothing;
 * a new transcript changes the digest and the call is analysed again. No log
 * line carries transcript text.
 */
import { createHash } from 'node:crypto';
import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import * as z from 'zod/mini';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import type { TranscriptRecord } from '../calls/calls.ts';
import { callKey, callTranscriptsPrefix, orgPartition } from '../keys.ts';
import { type AnalysedCall, type CallAnalysis, SENTIMENTS } from './call-analysis.ts';
import { analysisModel } from './model.ts';

const TOOL = 'record_call_analysis';
const tool: ChatCompletionFunctionTool = {
  type: 'function',
  function: {
    name: TOOL,
    description: 'Records the analysis of a call-center call',
    parameters: {
      type: 'object',
      properties: {
        summary: { type: 'string', description: 'Two or three sentences: why the customer called, what was done, what is left open' },
        sentiment: { type: 'string', enum: [...SENTIMENTS], description: 'The customer’s sentiment over the call' },
        suggestions: { type: 'array', items: { type: 'string' }, maxItems: 5, description: 'Short, concrete next steps or phrases for the agent' },
      },
      required: ['summary', 'sentiment', 'suggestions'],
      additionalProperties: false,
    },
  },
};
const toolArguments = z.object({
  summary: z.string().check(z.maxLength(4000)),
  sentiment: z.enum(SENTIMENTS),
  suggestions: z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(10)),
});

const INSTRUCTIONS =
  'You assist a call center. Read the call transcript and record its analysis with the tool: a summary, the customer’s sentiment, and up to five suggestions for the agent. Write in the language of the transcript.';
/** The model reads the end of a long call: its last characters are the ones that matter for what to do next. */
const MAX_TRANSCRIPT_CHARS = 12_000;

async function transcriptsOf(orgId: string, callId: string): Promise<TranscriptRecord[]> {
  const items = await queryAll<TranscriptRecord>(keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: callTranscriptsPrefix(callId) } }));
  return items.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

const digestOf = (transcripts: TranscriptRecord[]) =>
  createHash('sha256')
    .update(
      transcripts
        .map((t) => t.twilio_sid)
        .sort()
        .join('\n'),
    )
    .digest('base64url');

/** Analyses the call's transcripts unless the stored analysis read exactly these; answers whether the model was asked. */
export async function analyseCall(orgId: string, callId: string): Promise<boolean> {
  const call = await table.get<AnalysedCall>(callKey(orgId, callId), { consistent: true });
  if (!call) return false;
  const transcripts = await transcriptsOf(orgId, callId);
  if (transcripts.length === 0) {
    logger.info('call not analysed: no transcript yet', { callId });
    return false;
  }
  const digest = digestOf(transcripts);
  if (call.ai?.digest === digest) {
    logger.info('call already analysed with these transcripts', { callId });
    return false;
  }

  const text = transcripts.map((t) => `${t.role === 'USER' ? 'Customer' : t.role}: ${t.content}`).join('\n');
  const { openai, model } = await analysisModel();
  const completion = await openai.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: INSTRUCTIONS },
      {
        role: 'user',
        content: `Call: ${call.direction}, ${call.status}${call.duration ? `, ${call.duration} s` : ''}.\nTranscript:\n${text.slice(-MAX_TRANSCRIPT_CHARS)}`,
      },
    ],
    tools: [tool],
    tool_choice: { type: 'function', function: { name: TOOL } },
  });
  const toolCall = completion.choices[0]?.message.tool_calls?.find((c) => c.type === 'function' && c.function.name === TOOL);
  if (toolCall?.type !== 'function') throw new Error('the model answered without recording the analysis');
  const parsed = toolArguments.safeParse(safeJson(toolCall.function.arguments));
  if (!parsed.success) throw new Error('the model recorded an analysis that does not match its schema');

  const analysis: CallAnalysis = {
    summary: parsed.data.summary,
    sentiment: parsed.data.sentiment,
    suggestions: parsed.data.suggestions,
    analyzed_at: new Date().toISOString(),
    transcripts: transcripts.length,
    digest,
    model,
  };
  await table.update(callKey(orgId, callId), 'SET ai = :ai, sentiment = :sentiment', {
    condition: 'attribute_exists(pk)',
    values: { ':ai': analysis, ':sentiment': analysis.sentiment },
  });
  logger.info('call analysed', { callId, transcripts: transcripts.length, sentiment: analysis.sentiment, suggestions: analysis.suggestions.length });
  return true;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
