/**
 * PyTake's live events: the organization's agents connected to the `live`
 * WebSocket API (shared/ws/tenant-connections.ts keeps the connections), the
 * rooms they may join, and how an inbox event finds its audience:
 *   - with `user_id`: that user's connections only (a notification, an SLA
 *     warning for the assigned agent);
 *   - `message:status`: the `conversation:<id>` room (an agent watching the
 *     conversation), as the original announced statuses;
 *   - anything else: every connection of the organization (the inbox list).
 * Publishing enqueues one job; the `live-events` consumer posts.
 */
import * as table from '#shared/db/table';
import { AppError } from '#shared/errors';
import { type LiveMember, type LiveScope, liveChannel } from '#shared/ws/tenant-connections';
import { conversationKey, liveKeys } from '../keys.ts';
import { queues, websocketApis } from '../resources.ts';

/** Connection attempts per address per minute: a reconnecting office behind one address stays well under it. */
export const LIVE_CONNECTS_PER_MINUTE = 60;

export const live = liveChannel({ api: websocketApis.live, queue: queues.liveEvents, keys: liveKeys, connectsPerMinute: LIVE_CONNECTS_PER_MINUTE });

/** `conversation:<uuid>`: a room is named by the kind and id of what it watches. */
export const ROOM_PATTERN = /^(conversation):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Whether the room's object exists in the member's organization (another organization's id is simply not found there). */
const roomExists: Record<string, (orgId: string, id: string) => Promise<boolean>> = {
  conversation: async (orgId, id) => Boolean(await table.get(conversationKey(orgId, id), { consistent: true })),
};

export async function joinRoom(connectionId: string, room: string): Promise<void> {
  const [, kind, id] = ROOM_PATTERN.exec(room) ?? [];
  if (!kind) throw new AppError('invalid', 'invalid_room', 'A room is conversation:<id>');
  await live.join(connectionId, room, (member: LiveMember) => roomExists[kind](member.orgId, id));
}

export async function leaveRoom(connectionId: string, room: string): Promise<void> {
  await live.leave(connectionId, room);
}

/** Where an inbox event goes (see the header). */
export function scopeOf(event: { type: string; conversation_id?: string; user_id?: string }): LiveScope {
  if (event.user_id) return { kind: 'user', userId: event.user_id };
  if (event.type === 'message:status' && event.conversation_id) return { kind: 'room', room: `conversation:${event.conversation_id}` };
  return { kind: 'org' };
}
