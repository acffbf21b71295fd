/**
 * Where the inbox announces what agents watch live (`message:new`,
 * `message:status`, `conversation:assigned`, `conversation:queued`…). The
 * WebSocket delivery of these events to the organization's connections comes
 * with the live agent events; until then publishing does nothing, and every
 * place that must announce something already calls this.
 */
export interface InboxEvent {
  type: 'message:new' | 'message:status' | 'conversation:assigned' | 'conversation:queued';
  conversation_id: string;
  [field: string]: unknown;
}

export function publishEvent(_orgId: string, _event: InboxEvent): void {}
