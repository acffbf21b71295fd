/** `{"action": "leave_room", "room": "conversation:<id>"}` → `room:left`. */
import { eventFrame, liveAction } from '#shared/ws/live-actions';
import { leaveRoom } from './live.ts';
import { roomFrame } from './live.route.ts';

export const handler = liveAction(roomFrame('leave_room'), async (connectionId, frame) => {
  await leaveRoom(connectionId, frame.room);
  return eventFrame('room:left', { room: frame.room, status: 'left' });
});
