/** GET /api/ivr/flows. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { listFlows } from './ivr.ts';
import { listFlowsRoute } from './ivr.route.ts';

export const handler = httpRoute(listFlowsRoute, member, async ({ caller }) => json({ flows: await listFlows(caller.organizationId) }));
