/**
 * Conversations as inbound messages open them: a contact has at most one open
 * conversation per number (lookup item `OPEN_CONVERSATION#<contactId>#<numberId>`,
 * claimed with the conversation in one transaction; closing a conversation
 * deletes it, so the customer's next message opens a new one). Fields follow
 * the original's Conversation model.
 *
 * The 24-hour customer-service window: `window_expires_at` (absent until the
 * first inbound message) only moves later, to 24 h after the newest inbound
 * message (conditional update), whatever order the messages arrive in.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '#shared/errors';
import { keyParts } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { claimUnique, transact } from '#shared/db/transactions';
import { contactKey, conversationIndexKeys, conversationKey, type ItemKey, openConversationKey } from '../keys.ts';
import { SERVICE_WINDOW_MS } from './inbound-messages.ts';

interface Lookup extends ItemKey {
  owner: ItemKey;
}

export interface OpenConversation {
  id: string;
  created: boolean;
}

/** The contact's open conversation on the number, or a new one (bot on when the number names a default chatbot). */
export async function openConversation(
  orgId: string,
  contactId: string,
  number: { id: string; default_chatbot_id: string | null },
  now: string,
): Promise<OpenConversation> {
  const lookupKey = openConversationKey(orgId, contactId, number.id);
  const existing = await table.get<Lookup>(lookupKey, { consistent: true });
  if (existing) return { id: keyParts(existing.owner.sk)[1], created: false };
  const id = randomUUID();
  const key = conversationKey(orgId, id);
  try {
    await transact([
      {
        Put: {
          Item: {
            ...key,
            ...conversationIndexKeys(orgId, 'open', now, id),
            id,
            organization_id: orgId,
            contact_id: contactId,
            whatsapp_number_id: number.id,
            current_agent_id: null,
            department_id: null,
            queue_id: null,
            active_chatbot_id: number.default_chatbot_id,
            is_bot_active: number.default_chatbot_id !== null,
            status: 'open',
            channel: 'whatsapp',
            tags: [],
            queue_priority: 0,
            first_message_at: now,
            last_message_at: now,
            last_message_from_contact_at: null,
            last_message_from_agent_at: null,
            total_messages: 0,
            messages_from_contact: 0,
            messages_from_agent: 0,
            messages_from_bot: 0,
            closed_at: null,
            created_at: now,
            updated_at: now,
            version: 1,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      claimUnique({ key: lookupKey, conflictCode: 'conversation_open' }, key),
      {
        Update: {
          Key: contactKey(orgId, contactId),
          UpdateExpression: 'ADD total_conversations :one, version :one',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':one': 1 },
        },
      },
    ]);
    return { id, created: true };
  } catch (error) {
    if (!(error instanceof AppError && error.kind === 'conflict')) throw error;
    const winner = await table.get<Lookup>(lookupKey, { consistent: true });
    if (!winner) throw error;
    return { id: keyParts(winner.owner.sk)[1], created: false };
  }
}

/** Opens (or keeps open) the 24-hour window from an inbound message received at `receivedAt` (ms). */
export async function extendServiceWindow(orgId: string, conversationId: string, receivedAt: number): Promise<void> {
  const inboundAt = new Date(receivedAt).toISOString();
  const expiresAt = new Date(receivedAt + SERVICE_WINDOW_MS).toISOString();
  await table.update(conversationKey(orgId, conversationId), 'SET window_expires_at = :expires, last_inbound_message_at = :at', {
    condition: 'attribute_exists(pk) AND (attribute_not_exists(window_expires_at) OR window_expires_at < :expires)',
    values: { ':expires': expiresAt, ':at': inboundAt },
  });
}
