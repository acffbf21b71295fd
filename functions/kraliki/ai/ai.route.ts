/** /api/agent-assist: the suggestions the queued analysis made for a call (analysis.ts), for its agent or a supervisor. */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import type { ObjectId } from '#shared/manifest';
import { kralikiRoute, notFoundInOrg, signedIn } from '../contract.ts';
import { id } from '../params.ts';
import { SENTIMENTS } from './call-analysis.ts';

export const suggestionsSchema = z.object({
  success: z.boolean(),
  call_id: z.string(),
  /** Empty until the call's transcripts were analysed. */
  suggestions: z.array(z.string()),
  sentiment: z.nullable(z.enum(SENTIMENTS)),
  summary: z.nullable(z.string()),
  analyzed_at: z.nullable(z.string()),
  timestamp: z.string(),
});

const call: ObjectId = { object: 'call', from: 'body', field: 'call_id', owner: 'tenant' };

export const suggestionsRoute = kralikiRoute({
  method: 'POST',
  path: '/api/agent-assist/suggestions',
  auth: 'jwt',
  handler: 'functions/kraliki/ai/get-suggestions.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary:
    'The agent-assist suggestions for a call (its agent, or a SUPERVISOR or ADMIN): those the analysis of its transcripts made, queued when a transcript arrives or the call ends; `transcript` and `context` are accepted as the reference took them, the stored transcripts are what is analysed',
  request: {
    body: z.object({
      call_id: id,
      transcript: z.optional(z.string().check(z.maxLength(20_000))),
      context: z.optional(z.nullable(z.record(z.string(), z.unknown()))),
    }),
  },
  responses: { 200: ok('The suggestions, sentiment and summary as last analysed', suggestionsSchema), ...signedIn(), 404: notFoundInOrg('call') },
  objectIds: [call],
});

export const agentAssistRoutes = [suggestionsRoute];
