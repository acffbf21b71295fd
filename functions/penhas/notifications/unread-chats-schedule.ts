/** Every minute: notifies the chat messages unread for 5 minutes (unread-chats.ts). */
import { observed } from '#shared/observability/invocation';
import { logger } from '#shared/observability/logger';
import { notifyUnreadChats } from './unread-chats.ts';

export const handler = observed(async () => {
  const queued = await notifyUnreadChats();
  if (queued) logger.info('unread chat notifications queued', { count: queued });
});
