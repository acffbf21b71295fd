/**
 * An agent's message (`POST /conversations/{id}/messages`): checked against
 * the 24-hour window (templates excepted) and the plan's 5 messages a minute
 * per conversation, stored as an outbound `pending` message, then handed to
 * the `send-message` queue (delivery.ts paces it and calls the Graph API).
 * Nothing reaches Meta from the request itself.
 */
import { randomUUID } from 'node:crypto';
import { conflict, rateLimited } from '#shared/errors';
import { countRequest } from '#shared/db/counters';
import { transact } from '#shared/db/transactions';
import { contactKey, conversationKey, messageKey, rateKey } from '../keys.ts';
import { publishEvent } from './events.ts';
import { getConversation } from './inbox.ts';
import type { MessageRecord } from './messages.ts';
import { needsServiceWindow, type SendMessageInput } from './outbound.ts';
import { enqueueSend } from './send-jobs.ts';

/** The plan's limit: messages an organization sends in one conversation per minute. */
export const SENDS_PER_CONVERSATION_PER_MINUTE = 5;

export const outsideServiceWindow = () =>
  conflict(
    'outside_service_window',
    'The 24-hour customer service window is closed: the customer has not written in the last 24 hours. Only template messages can be sent outside the window.',
  );

export async function sendAgentMessage(orgId: string, agentId: string, conversationId: string, input: SendMessageInput): Promise<MessageRecord> {
  const conversation = await getConversation(orgId, conversationId);
  if (conversation.status === 'closed') throw conflict('conversation_closed', 'Conversation is closed');
  const nowMs = Date.now();
  const windowOpen = conversation.window_expires_at !== undefined && Date.parse(conversation.window_expires_at) > nowMs;
  if (needsServiceWindow(input.message_type) && !windowOpen) throw outsideServiceWindow();
  await countRequest({
    limit: SENDS_PER_CONVERSATION_PER_MINUTE,
    windowSeconds: 60,
    counterKey: (windowStart) => rateKey('conversation-send', conversationId, windowStart),
    refuse: (retryAfter) =>
      rateLimited(retryAfter, 'conversation_rate_limited', `At most ${SENDS_PER_CONVERSATION_PER_MINUTE} messages a minute can be sent in one conversation`),
  });
  const now = new Date(nowMs).toISOString();
  const id = randomUUID();
  const message: MessageRecord & { sender_user_id: string } = {
    ...messageKey(orgId, conversationId, now, id),
    id,
    organization_id: orgId,
    conversation_id: conversationId,
    whatsapp_number_id: conversation.whatsapp_number_id,
    contact_id: conversation.contact_id,
    direction: 'outbound',
    sender_type: 'agent',
    sender_user_id: agentId,
    message_type: input.message_type,
    content: input.content,
    status: 'pending',
    whatsapp_message_id: null as unknown as string,
    whatsapp_timestamp: null,
    reply_to_wamid: null,
    error_code: null,
    error_message: null,
    sent_at: null,
    delivered_at: null,
    read_at: null,
    failed_at: null,
    created_at: now,
    updated_at: now,
  };
  await transact([
    { Put: { Item: message, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Update: {
        Key: conversationKey(orgId, conversationId),
        UpdateExpression: 'ADD total_messages :one, messages_from_agent :one SET last_message_at = :now, last_message_from_agent_at = :now, updated_at = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
      },
    },
    {
      Update: {
        Key: contactKey(orgId, conversation.contact_id),
        UpdateExpression: 'ADD total_messages_sent :one SET last_message_at = :now, last_message_sent_at = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':one': 1, ':now': now },
      },
    },
  ]);
  await enqueueSend({ organization_id: orgId, message_sk: message.sk, attempt: 0 });
  await publishEvent(orgId, { type: 'message:new', conversation_id: conversationId, message_id: id });
  return message;
}
