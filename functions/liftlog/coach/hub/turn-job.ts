/**
 * A hub's model turn travels from `$default` to the `coach-turns` consumer as
 * this job: `$default` must answer within API Gateway's 29 s, and a plan
 * streams for longer. The job only names the turn; what was asked is in the
 * turn's item (chat-state.ts), so a job is worth nothing unless it names the
 * current, untaken turn of a live connection.
 */
import * as z from 'zod/mini';
import { websocketApis } from '../../resources.ts';

/** The WebSocket APIs of the coach's hubs: the current app's and the older one. */
export const HUB_APIS = [websocketApis.aiChatV2, websocketApis.aiChat] as const;
export type HubApi = (typeof HUB_APIS)[number];

export const turnJob = z.object({
  /** Where the answer goes: the hub's WebSocket API. */
  api: z.enum(HUB_APIS),
  connectionId: z.string().check(z.minLength(1)),
  turnId: z.uuid(),
});
export type TurnJob = z.infer<typeof turnJob>;
