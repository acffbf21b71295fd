/**
 * A call's analysis as stored on the call (analysis.ts makes it) and as clients
 * see it. Kept apart from the model's client, so the calls API and the route
 * declarations read it without bundling the openai SDK.
 */
import type { CallRecord } from '../calls/calls.ts';

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** The analysis as stored on the call. */
export interface CallAnalysis {
  summary: string;
  sentiment: Sentiment;
  suggestions: string[];
  analyzed_at: string;
  /** Transcripts read, and their digest (which ones they were). */
  transcripts: number;
  digest: string;
  model: string;
}

export type AnalysedCall = CallRecord & { ai?: CallAnalysis; sentiment?: Sentiment };

/** What clients see of it (the call detail, the supervisor summary, agent assist). */
export const analysisView = (analysis: CallAnalysis | undefined) =>
  analysis ? { summary: analysis.summary, sentiment: analysis.sentiment, suggestions: analysis.suggestions, analyzed_at: analysis.analyzed_at } : null;
