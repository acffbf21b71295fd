/**
 * The chats' items. A private chat is one item (`CHAT#<id>`) holding its two
 * participants and its wrapped data key, its messages sealed in the same
 * partition in time order, one pair item making it the only chat of the two,
 * and a member item in each participant's partition, indexed by her latest
 * message (her chat list). Writes of a message go in one transaction that
 * moves the chat's `last_message_at` from the value read, so two messages
 * never share a time and `prev_last_msg_etag` is exactly the one before.
 *
 * The support chat lives in her partition (`SUPPORT_CHAT` and its messages),
 * so deleting the account deletes it; admins answer through answerSupportChat.
 */
import { createHash, randomUUID } from 'node:crypto';
import { putIfAbsent } from '#shared/db/conditions';
import { nextValue } from '#shared/db/counters';
import { batchWrite } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import {
  blockKey,
  blockedIndexKeys,
  CHAT_MESSAGE_PREFIX,
  CHAT_PENDING,
  chatKey,
  chatMemberKey,
  chatMessageSk,
  chatPairKey,
  chatPartition,
  chatPendingIndexKeys,
  chatPendingKey,
  chatsIndexKeys,
  ownerPartition,
  SUPPORT_MESSAGE_PREFIX,
  sequenceKey,
  supportChatKey,
  supportMessageSk,
  supportQueueIndexKeys,
  userKey,
} from '../keys.ts';
import { itemNotFound } from '../errors.ts';
import { chatKey as unwrapChatKey, newChatKey, openMessage, sealMessage } from './message-crypto.ts';

export interface ChatItem {
  pk: string;
  sk: string;
  chat_id: string;
  /** The two user ids, lower first. */
  participants: [number, number];
  session_started_by: number;
  created_at: string;
  last_message_at: string;
  last_message_by: number;
  has_message: 0 | 1;
  key_provider: string;
  wrapped_key: string;
}

export interface StoredMessage {
  sk: string;
  id: number;
  cliente_id: number;
  created_at: string;
  /** Private chats: sealed (message-crypto.ts). Support chat: the text. */
  message: string;
  admin_user_id?: string | number | null;
}

export interface SupportChatItem {
  pk: string;
  sk: string;
  created_at: string;
  last_msg_at: string;
  last_msg_is_support: 0 | 1;
  last_msg_preview?: string | null;
  last_msg_by?: string | null;
}

/** The original's etag of a time: 6 hex digits of its MD5. */
export const etagOf = (time: string): string => createHash('md5').update(time).digest('hex').slice(0, 6);

/** A time strictly after `previous` (messages of a chat never share one), now when the clock allows. */
export function nextTime(previous: string | undefined, now = new Date()): string {
  const floor = previous ? Date.parse(previous) + 1 : 0;
  return new Date(Math.max(now.getTime(), floor)).toISOString();
}

/** `2020-01-02T03:04:05Z`: the original's message and list times (no fraction). */
export const isoSeconds = (time: string): string => `${time.slice(0, 19)}Z`;

// ---- blocks ----

/** Whether `userId` blocked `otherId`. */
export const hasBlocked = async (userId: number, otherId: number): Promise<boolean> =>
  (await table.get(blockKey(userId, otherId), { attributes: ['pk'] })) !== undefined;

/** Everyone she blocked and everyone who blocked her. */
export async function blockedEitherWay(userId: number): Promise<Set<number>> {
  const [mine, ofHer] = await Promise.all([
    queryAll<{ block_cliente_id?: number }>({ ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: 'BLOCK#' } }) }),
    queryAll<{ cliente_id?: number }>({ ...keyQuery({ index: 'gsi1', pk: blockedIndexKeys(0, userId).gsi1pk }) }),
  ]);
  return new Set([...mine.map((b) => Number(b.block_cliente_id)), ...ofHer.map((b) => Number(b.cliente_id))].filter(Number.isFinite));
}

/** `POST /me/manage-blocks`: the same block item as `POST /block-profile`. */
export async function setBlock(userId: number, otherId: number, block: boolean, now = new Date()): Promise<void> {
  if (!block) {
    await table.delete(blockKey(userId, otherId));
    return;
  }
  await putIfAbsent({
    ...blockKey(userId, otherId),
    ...blockedIndexKeys(userId, otherId),
    cliente_id: userId,
    block_cliente_id: otherId,
    created_at: now.toISOString(),
  });
}

// ---- private chats ----

export const loadChat = (chatId: string): Promise<ChatItem | undefined> => table.get<ChatItem>(chatKey(chatId), { consistent: true });

/** The chat of the two (one per pair), opened now when there is none. */
export async function openChat(userId: number, otherId: number, now = new Date()): Promise<string> {
  const pair = chatPairKey(userId, otherId);
  const existing = await table.get<{ chat_id: string }>(pair, { consistent: true });
  if (existing) return existing.chat_id;
  const chatId = randomUUID();
  const dataKey = await newChatKey(chatId);
  const at = now.toISOString();
  const participants = [Math.min(userId, otherId), Math.max(userId, otherId)] as [number, number];
  const chat: ChatItem = {
    ...chatKey(chatId),
    chat_id: chatId,
    participants,
    session_started_by: userId,
    created_at: at,
    last_message_at: at,
    last_message_by: userId,
    has_message: 0,
    key_provider: dataKey.provider,
    wrapped_key: dataKey.wrapped,
  };
  const member = (id: number, other: number) => ({ ...chatMemberKey(id, chatId), chat_id: chatId, other_id: other, refs: [chatKey(chatId), pair] });
  try {
    await transact([
      { Put: { Item: { ...pair, chat_id: chatId, participants }, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'chat_exists' },
      { Put: { Item: chat } },
      { Put: { Item: member(userId, otherId) } },
      { Put: { Item: member(otherId, userId) } },
    ]);
  } catch (error) {
    // Both opened it at once: the other request's chat is the pair's.
    if (error instanceof AppError && error.code === 'chat_exists') {
      const winner = await table.get<{ chat_id: string }>(pair, { consistent: true });
      if (winner) return winner.chat_id;
    }
    throw error;
  }
  return chatId;
}

export const dataKeyOf = (chat: ChatItem): Promise<Buffer> => unwrapChatKey(chat.chat_id, chat.wrapped_key);

/** Deletes the chat for both: its key goes with its item, then its messages. */
export async function deleteChat(chat: ChatItem): Promise<void> {
  const [a, b] = chat.participants;
  await transact([
    { Delete: { Key: chatKey(chat.chat_id) } },
    { Delete: { Key: chatPairKey(a, b) } },
    { Delete: { Key: chatMemberKey(a, chat.chat_id) } },
    { Delete: { Key: chatMemberKey(b, chat.chat_id) } },
  ]);
  const messages = await queryAll<{ pk: string; sk: string }>({
    ...keyQuery({ pk: chatPartition(chat.chat_id), sk: { beginsWith: CHAT_MESSAGE_PREFIX } }),
    ProjectionExpression: 'pk, sk',
  });
  await batchWrite({ deletes: messages.map(({ pk, sk }) => ({ pk, sk })) });
}

const MESSAGE_ATTEMPTS = 4;

/** Seals and stores one message; answers its id and the chat's last message time before and after it. */
export async function sendChatMessage(chat: ChatItem, senderId: number, text: string): Promise<{ id: number; previous: string; at: string }> {
  const key = await dataKeyOf(chat);
  const id = await nextValue(sequenceKey('chat_message'));
  const sealed = sealMessage(key, chat.chat_id, text);
  let current = chat;
  for (let attempt = 1; ; attempt++) {
    const previous = current.last_message_at;
    const at = nextTime(previous);
    const memberUpdate = (userId: number) => ({
      Update: {
        Key: chatMemberKey(userId, chat.chat_id),
        UpdateExpression: 'SET gsi1pk = :gpk, gsi1sk = :gsk, last_message_at = :at, last_message_by = :by',
        ExpressionAttributeValues: { ...prefixed(chatsIndexKeys(userId, at, chat.chat_id)), ':at': at, ':by': senderId },
      },
    });
    try {
      await transact([
        { Put: { Item: { pk: chatPartition(chat.chat_id), sk: chatMessageSk(at, id), id, cliente_id: senderId, created_at: at, message: sealed } } },
        {
          Update: {
            Key: chatKey(chat.chat_id),
            UpdateExpression: 'SET last_message_at = :at, last_message_by = :by, has_message = :one',
            ConditionExpression: 'last_message_at = :previous',
            ExpressionAttributeValues: { ':at': at, ':by': senderId, ':one': 1, ':previous': previous },
          },
          conflictCode: 'chat_moved',
        },
        memberUpdate(chat.participants[0]),
        memberUpdate(chat.participants[1]),
      ]);
      return { id, previous, at };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'chat_moved') || attempt === MESSAGE_ATTEMPTS) throw error;
      const reread = await loadChat(chat.chat_id);
      if (!reread) throw error;
      current = reread;
    }
  }
}

const prefixed = (keys: { gsi1pk: string; gsi1sk: string }) => ({ ':gpk': keys.gsi1pk, ':gsk': keys.gsi1sk });

export interface MessagePage {
  rows: StoredMessage[];
  hasMore: boolean;
}

/**
 * Newest first: before a bound (older pages), or the newest after one (or the
 * newest of all). Bounds are message sort keys.
 */
export async function messagePage(partition: string, prefix: string, bound: { before?: string; after?: string }, rows: number): Promise<MessagePage> {
  const upper = `${prefix}\uffff`;
  const sk = bound.before
    ? { between: [prefix, bound.before] as [string, string] }
    : bound.after?.startsWith(prefix)
      ? { between: [bound.after, upper] as [string, string] }
      : { between: [prefix, upper] as [string, string] };
  const found: StoredMessage[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await table.query<StoredMessage>({
      ...keyQuery({ pk: partition, sk }),
      ScanIndexForward: false,
      Limit: rows + 2,
      ConsistentRead: true,
      ...(start && { ExclusiveStartKey: start }),
    });
    for (const item of page.items) if (item.sk !== bound.before && item.sk !== bound.after) found.push(item);
    start = page.lastKey;
  } while (start && found.length <= rows);
  return { rows: found.slice(0, rows), hasMore: found.length > rows };
}

export const chatMessages = (chat: ChatItem, bound: { before?: string; after?: string }, rows: number) =>
  messagePage(chatPartition(chat.chat_id), CHAT_MESSAGE_PREFIX, bound, rows);

export { openMessage };

// ---- the "unread for 5 minutes" notification hook ----

/**
 * Marks that `recipientId` has an unread message from `senderId` (-1: the
 * support), once, at the first unread one: the unread-chat schedule of the
 * notifications reads these by time (gsi1 `CHAT_PENDING`) and notifies those
 * older than 5 minutes. Reading the chat clears it.
 */
export async function markChatMessagePending(recipientId: number, senderId: number, now = new Date()): Promise<void> {
  await putIfAbsent({
    ...chatPendingKey(recipientId, senderId),
    ...chatPendingIndexKeys(recipientId, senderId, now.toISOString()),
    cliente_id: recipientId,
    pending_message_cliente_id: senderId,
    messaged_at: now.toISOString(),
  });
}

export interface PendingChatMessage {
  cliente_id: number;
  /** Who wrote the unread message; -1: the support. */
  pending_message_cliente_id: number;
  messaged_at: string;
}

/** The unread markers set before `before`, oldest first: what the unread-chat schedule notifies (one Query per page). */
export const pendingChatMessagesBefore = (before: Date): Promise<PendingChatMessage[]> =>
  queryAll<PendingChatMessage>({ ...keyQuery({ index: 'gsi1', pk: CHAT_PENDING, sk: { lessThan: before.toISOString() } }) });

export const clearChatMessagePending = (recipientId: number, senderId: number): Promise<boolean> => table.delete(chatPendingKey(recipientId, senderId));

// ---- the support chat ----

export const loadSupportChat = (userId: number): Promise<SupportChatItem | undefined> =>
  table.get<SupportChatItem>(supportChatKey(userId), { consistent: true });

/** Her support chat, created now when she has none. */
export async function ensureSupportChat(userId: number, now = new Date()): Promise<SupportChatItem> {
  const existing = await loadSupportChat(userId);
  if (existing) return existing;
  const at = now.toISOString();
  const item: SupportChatItem = { ...supportChatKey(userId), created_at: at, last_msg_at: at, last_msg_is_support: 0 };
  if (await putIfAbsent(item as unknown as Record<string, unknown>)) return item;
  return (await loadSupportChat(userId)) ?? item;
}

const preview = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

async function storeSupportMessage(
  userId: number,
  text: string,
  author: { adminId?: string | number; by: string },
): Promise<{ id: number; previous: string; at: string }> {
  let chat = await ensureSupportChat(userId);
  const id = await nextValue(sequenceKey('support_message'));
  const fromSupport = author.adminId !== undefined;
  for (let attempt = 1; ; attempt++) {
    const previous = chat.last_msg_at;
    const at = nextTime(previous);
    const queue = supportQueueIndexKeys(fromSupport ? 'answered' : 'waiting', at, userId);
    try {
      await transact([
        {
          Put: {
            Item: {
              pk: ownerPartition(userId),
              sk: supportMessageSk(at, id),
              id,
              cliente_id: userId,
              created_at: at,
              message: text,
              admin_user_id: fromSupport ? author.adminId : null,
            },
          },
        },
        {
          Update: {
            Key: supportChatKey(userId),
            // The admins' queue (gsi1): waiting while her message is the last, answered once the support's is.
            UpdateExpression:
              'SET last_msg_at = :at, last_msg_is_support = :support, last_msg_preview = :preview, last_msg_by = :by, gsi1pk = :queue, gsi1sk = :order',
            ConditionExpression: 'last_msg_at = :previous',
            ExpressionAttributeValues: {
              ':at': at,
              ':support': fromSupport ? 1 : 0,
              ':preview': preview(text),
              ':by': author.by,
              ':previous': previous,
              ':queue': queue.gsi1pk,
              ':order': queue.gsi1sk,
            },
          },
          conflictCode: 'chat_moved',
        },
      ]);
      return { id, previous, at };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'chat_moved') || attempt === MESSAGE_ATTEMPTS) throw error;
      chat = await ensureSupportChat(userId);
    }
  }
}

/** A message of hers to the support. */
export const sendSupportMessage = (user: { id: number; apelido: string; nome_completo: string }, text: string) =>
  storeSupportMessage(user.id, text, { by: `${user.apelido} (${user.nome_completo})` });

/**
 * An admin's answer in her support chat (the admin API calls this): stored as
 * the support's, and her unread marker set for the notifications.
 */
export async function answerSupportChat(userId: number, adminId: string | number, text: string, adminName = 'Suporte PenhaS') {
  const user = await table.get(userKey(userId), { attributes: ['pk'] });
  if (!user) throw itemNotFound();
  const stored = await storeSupportMessage(userId, text, { adminId, by: adminName });
  await markChatMessagePending(userId, -1);
  return stored;
}

export const supportMessages = (userId: number, bound: { before?: string; after?: string }, rows: number) =>
  messagePage(ownerPartition(userId), SUPPORT_MESSAGE_PREFIX, bound, rows);

/** Clears her support chat's messages (the chat stays). */
export async function clearSupportChat(userId: number): Promise<void> {
  const messages = await queryAll<{ pk: string; sk: string }>({
    ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: SUPPORT_MESSAGE_PREFIX } }),
    ProjectionExpression: 'pk, sk',
  });
  await batchWrite({ deletes: messages.map(({ pk, sk }) => ({ pk, sk })) });
  await table.update(supportChatKey(userId), 'REMOVE last_msg_preview, last_msg_by', { condition: 'attribute_exists(pk)' });
}
