/** What the inbox routes answer: conversations and messages as the original's schemas named them (keys and bookkeeping left out). */
import * as z from 'zod/mini';
import type { ItemKey } from '../keys.ts';

const nullableText = z.nullable(z.string());

export const conversationResponse = z.looseObject({
  id: z.string(),
  organization_id: z.string(),
  contact_id: z.string(),
  whatsapp_number_id: z.string(),
  status: z.string(),
  current_agent_id: nullableText,
  department_id: nullableText,
  queue_id: nullableText,
  tags: z.array(z.string()),
  is_bot_active: z.boolean(),
  window_expires_at: z.optional(nullableText),
  queued_at: z.optional(nullableText),
  unread_count: z.optional(z.number()),
  total_messages: z.number(),
  last_message_at: nullableText,
  closed_at: nullableText,
  created_at: z.string(),
  updated_at: z.string(),
});

export const messageResponse = z.looseObject({
  id: z.string(),
  conversation_id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  sender_type: z.string(),
  sender_user_id: z.optional(nullableText),
  message_type: z.string(),
  content: z.record(z.string(), z.unknown()),
  status: z.string(),
  whatsapp_message_id: nullableText,
  error_code: nullableText,
  error_message: nullableText,
  sent_at: nullableText,
  delivered_at: nullableText,
  read_at: nullableText,
  failed_at: nullableText,
  created_at: z.string(),
});

const HIDDEN = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'version', 'status_rank', 'send_claimed_at', 'queued_sk', 'expiresAt']);

/** A stored conversation or message without its keys and bookkeeping. */
export function viewOf<T extends ItemKey>(record: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !HIDDEN.has(name)));
}
