/** `{"action": "join_room", "room": "conversation:<id>"}` → `room:joined`, or an `error` event for a room not of the caller's organization. */
import { eventFrame, liveAction } from '#shared/ws/live-actions';
import { joinRoom } from './live.ts';
import { roomFrame } from './live.route.ts';

export const handler = liveAction(roomFrame('join_room'), async (connectionId, frame) => {
  await joinRoom(connectionId, frame.room);
  return eventFrame('room:joined', { room: frame.room, status: 'joined' });
});
