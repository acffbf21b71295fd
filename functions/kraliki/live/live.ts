/**
 * Kraliki's live events: the organization's agents and supervisors connected
 * to the `live` WebSocket API (shared/ws/tenant-connections.ts keeps the
 * connections), and who receives what:
 *   - a call's events (`call:status`, `transcript:line`): supervisors and
 *     admins of the organization, and the call's agent; another agent never
 *     sees them;
 *   - `import:progress`: supervisors and admins (who run imports);
 *   - `queue:size`: supervisors and admins (who staff the queues);
 *   - an event naming `user_id` (a notification): that user only;
 *   - anything else (`agent:status`): every connection of the organization.
 * Publishing enqueues one job on `live-events` (cheap enough for a Twilio
 * webhook's request); its consumer posts.
 */
import { liveChannel, type LiveFilter, type LiveScope } from '#shared/ws/tenant-connections';
import type { Role } from '../auth/roles.ts';
import { liveKeys } from '../keys.ts';
import { queues, websocketApis } from '../resources.ts';

/** Connection attempts per address per minute: a reconnecting call center behind one address stays well under it. */
export const LIVE_CONNECTS_PER_MINUTE = 60;

export const live = liveChannel({ api: websocketApis.live, queue: queues.liveEvents, keys: liveKeys, connectsPerMinute: LIVE_CONNECTS_PER_MINUTE });

const SUPERVISING: Role[] = ['ADMIN', 'SUPERVISOR'];

export interface LiveEvent {
  type: 'call:status' | 'transcript:line' | 'agent:status' | 'import:progress' | 'queue:size' | 'notification:new';
  /** Set: only this user's connections receive it. */
  user_id?: string;
  /** A call's event: its agent (a user id), or null while none is assigned; only she and supervisors receive it. */
  call_agent_id?: string | null;
  [field: string]: unknown;
}

/** Announces `event` to its audience in the organization (see the header). */
export async function publishLiveEvent(orgId: string, event: LiveEvent): Promise<void> {
  const { type, call_agent_id: callAgent, ...data } = event;
  let scope: LiveScope = { kind: 'org' };
  let filter: LiveFilter | undefined;
  if (event.user_id) scope = { kind: 'user', userId: event.user_id };
  else if (callAgent !== undefined) filter = { roles: SUPERVISING, users: callAgent ? [callAgent] : [] };
  else if (type === 'import:progress' || type === 'queue:size') filter = { roles: SUPERVISING };
  await live.publish(orgId, scope, type, data, filter);
}

/** What a call's status event carries: ids and the status, never the parties' numbers. */
export const callStatusEvent = (call: { id: string; status: string; direction: string; agent_id: string | null; duration?: number | null }): LiveEvent => ({
  type: 'call:status',
  call_id: call.id,
  status: call.status,
  direction: call.direction,
  agent_id: call.agent_id,
  duration: call.duration ?? null,
  call_agent_id: call.agent_id,
});
