/**
 * Where the inbox announces what agents watch live (`message:new`,
 * `message:status`, `conversation:assigned`, `conversation:queued`,
 * `sla:warning`, `notification:new`). Each event reaches only the
 * organization's live connections: with `user_id`, only that user's; with
 * `conversation_id`, the organization's watchers. Delivery to the sockets is
 * wired by the live events feature.
 */
export interface InboxEvent {
  type: 'message:new' | 'message:status' | 'conversation:assigned' | 'conversation:queued' | 'sla:warning' | 'notification:new';
  conversation_id?: string;
  /** Set: the event goes only to this user's connections. */
  user_id?: string;
  [field: string]: unknown;
}

export async function publishEvent(_orgId: string, _event: InboxEvent): Promise<void> {}
