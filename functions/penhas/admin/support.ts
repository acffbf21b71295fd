/**
 * The support chat as the admins see it: the queue of chats (waiting: her
 * message is the last; answered: the support's is), one woman's messages, and
 * an answer, written through the chats feature's own store so she reads it in
 * the app as she reads every support message.
 */
import { batchGet } from '#shared/db/batch';
import { keyParts, keyQuery } from '#shared/db/keys';
import { queryPage } from '#shared/db/pagination';
import { answerSupportChat, loadSupportChat, type StoredMessage, type SupportChatItem } from '../chats/store.ts';
import { itemNotFound } from '../errors.ts';
import { ownerPartition, SUPPORT_MESSAGE_PREFIX, supportQueuePartition, type SupportQueueState, userKey } from '../keys.ts';
import type { UserRecord } from '../accounts/users.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, recordAudit } from './audit.ts';

export interface SupportChatRow {
  cliente_id: number;
  apelido: string | null;
  nome_completo: string | null;
  last_msg_at: string;
  last_msg_is_support: 0 | 1;
  last_msg_preview: string | null;
  last_msg_by: string | null;
}

/** The chats in one state: waiting ones oldest first (the longest wait on top), answered ones newest first. */
export async function listSupportChats(state: SupportQueueState, options: { rows: number; next_page?: string }) {
  const page = await queryPage<SupportChatItem & { pk: string }>(
    { ...keyQuery({ index: 'gsi1', pk: supportQueuePartition(state) }), ScanIndexForward: state === 'waiting' },
    { limit: options.rows, cursor: options.next_page, cursorField: 'next_page' },
  );
  const ids = page.items.map((chat) => Number(keyParts(chat.pk)[1]));
  const users = ids.length ? await batchGet<UserRecord>(ids.map((id) => userKey(id))) : [];
  const rows: SupportChatRow[] = page.items.map((chat, index) => ({
    cliente_id: ids[index],
    apelido: users[index]?.apelido ?? null,
    nome_completo: users[index]?.nome_completo ?? null,
    last_msg_at: chat.last_msg_at,
    last_msg_is_support: chat.last_msg_is_support,
    last_msg_preview: chat.last_msg_preview ?? null,
    last_msg_by: chat.last_msg_by ?? null,
  }));
  return { rows, has_more: page.cursor ? (1 as const) : (0 as const), next_page: page.cursor ?? null };
}

/**
 * Her support messages, newest first (`next_page`: older ones, a signed
 * cursor bound to her chat, so it names nothing and pages no one else's); who
 * read them is audited, as they are hers.
 */
export async function readSupportChat(caller: AdminCaller, userId: number, options: { rows: number; next_page?: string }) {
  if (!(await loadSupportChat(userId))) throw itemNotFound();
  const page = await queryPage<StoredMessage>(
    { ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: SUPPORT_MESSAGE_PREFIX } }), ScanIndexForward: false, ConsistentRead: true },
    { limit: options.rows, cursor: options.next_page, cursorField: 'next_page' },
  );
  await recordAudit(auditEntry(caller, 'support_chat.read', { type: 'cliente', id: userId }, { messages: page.items.length }));
  return {
    messages: page.items.map((message) => ({
      id: message.id,
      message: message.message,
      is_support: message.admin_user_id ? (1 as const) : (0 as const),
      admin_user_id: message.admin_user_id ? String(message.admin_user_id) : null,
      time: message.created_at,
    })),
    has_more: page.cursor ? (1 as const) : (0 as const),
    next_page: page.cursor ?? null,
  };
}

/** The support's answer in her chat, audited (its id and length, never its text). */
export async function answerSupport(caller: AdminCaller, userId: number, text: string): Promise<{ id: number }> {
  const stored = await answerSupportChat(userId, caller.adminId, text, caller.name);
  await recordAudit(auditEntry(caller, 'support_chat.answer', { type: 'cliente', id: userId }, { message_id: stored.id, length: text.length }));
  return { id: stored.id };
}
