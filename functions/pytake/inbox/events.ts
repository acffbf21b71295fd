/**
 * Where the inbox announces what agents watch live (`message:new`,
 * `message:status`, `conversation:assigned`, `conversation:queued`,
 * `sla:warning`, `notification:new`). Each event reaches only the
 * organization's live connections: with `user_id`, only that user's;
 * `message:status`, the conversation's room; any other, every connection of
 * the organization (live/live.ts). Publishing enqueues one job on
 * `live-events`; its consumer posts, so the caller never waits on sockets.
 */
import { live, scopeOf } from '../live/live.ts';

export interface InboxEvent {
  type: 'message:new' | 'message:status' | 'conversation:assigned' | 'conversation:queued' | 'sla:warning' | 'notification:new';
  conversation_id?: string;
  /** Set: the event goes only to this user's connections. */
  user_id?: string;
  [field: string]: unknown;
}

export async function publishEvent(orgId: string, event: InboxEvent): Promise<void> {
  const { type, ...data } = event;
  await live.publish(orgId, scopeOf(event), type, data);
}
