/**
 * A user's work (the original's `get_user_stats`): the conversations she
 * holds (as `current_agent_id`) by status, the messages she sent in them, and
 * her average response time: for each of her replies that answers customer
 * messages, the minutes since the first of those messages.
 *
 * Reads the organization's conversations with a filter on the agent, then
 * each of hers's messages: Queries in the organization's partition, no Scan.
 */
import { queryAll } from '#shared/db/pagination';
import { keyQuery } from '#shared/db/keys';
import { CONVERSATION_PREFIX, messagePrefix, orgPartition } from '../keys.ts';

interface MessageFacts {
  direction: 'inbound' | 'outbound';
  sender_user_id?: string;
  created_at: string;
}

/** Minutes from the first unanswered customer message to each of the user's replies, in one conversation's messages (oldest first). Pure. */
export function responseMinutes(messages: readonly MessageFacts[], userId: string): number[] {
  const minutes: number[] = [];
  let waitingSince: string | null = null;
  for (const message of messages) {
    if (message.direction === 'inbound') {
      waitingSince ??= message.created_at;
      continue;
    }
    if (waitingSince && message.sender_user_id === userId) minutes.push((Date.parse(message.created_at) - Date.parse(waitingSince)) / 60_000);
    waitingSince = null;
  }
  return minutes;
}

export async function userStats(orgId: string, userId: string) {
  const base = keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: CONVERSATION_PREFIX } });
  const conversations = await queryAll<{ id: string; status: string }>({
    ...base,
    FilterExpression: 'current_agent_id = :user',
    ProjectionExpression: 'id, #status',
    ExpressionAttributeNames: { ...base.ExpressionAttributeNames, '#status': 'status' },
    ExpressionAttributeValues: { ...base.ExpressionAttributeValues, ':user': userId },
  });
  let sent = 0;
  const responses: number[] = [];
  for (const conversation of conversations) {
    const messages = await queryAll<MessageFacts>({
      ...keyQuery({ pk: orgPartition(orgId), sk: { beginsWith: messagePrefix(conversation.id) } }),
      ProjectionExpression: 'direction, sender_user_id, created_at',
    });
    sent += messages.filter((m) => m.direction === 'outbound' && m.sender_user_id === userId).length;
    responses.push(...responseMinutes(messages, userId));
  }
  return {
    total_conversations: conversations.length,
    total_messages_sent: sent,
    avg_response_time_minutes: responses.length ? Math.round((responses.reduce((a, b) => a + b, 0) / responses.length) * 100) / 100 : null,
    conversations_resolved: conversations.filter((c) => c.status === 'closed').length,
    conversations_active: conversations.filter((c) => c.status === 'active').length,
  };
}
