/** POST /api/agent-assist/suggestions. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { requireCall } from '../calls/manage.ts';
import { suggestionsRoute } from './ai.route.ts';
import type { AnalysedCall } from './call-analysis.ts';

export const handler = httpRoute(suggestionsRoute, member, async ({ body, caller }) => {
  const { ai } = (await requireCall(caller, body.call_id)) as AnalysedCall;
  return json({
    success: true,
    call_id: body.call_id,
    suggestions: ai?.suggestions ?? [],
    sentiment: ai?.sentiment ?? null,
    summary: ai?.summary ?? null,
    analyzed_at: ai?.analyzed_at ?? null,
    timestamp: new Date().toISOString(),
  });
});
