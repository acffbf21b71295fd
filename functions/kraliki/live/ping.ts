/** `{"action": "ping", "timestamp"?}` → `pong`. */
import { pingAction } from '#shared/ws/live-actions';

export const handler = pingAction();
