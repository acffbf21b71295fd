/**
 * The chats as the app sees them (the original's `Helpers/Chat.pm` and
 * `ChatSupport.pm`): her chat list with the support and the assistant, opening
 * and deleting a chat, reading and sending messages, blocks, the user search
 * and another user's profile. A `chat_auth` names one chat and the user it was
 * given to; any other token, or a chat she is not in, answers the original's
 * "reload the app" error.
 */
import { batchGet } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import * as table from '#shared/db/table';
import { logger } from '#shared/observability/logger';
import { moduleCodes } from '../accounts/me-view.ts';
import { SKILLS } from '../accounts/skills.ts';
import { isActive, isFemale, type UserRecord } from '../accounts/users.ts';
import type { BadgeKind } from '../badges/badges.ts';
import { chatBadges, heldKinds } from '../badges/shown-badges.ts';
import { badRequest, itemNotFound } from '../errors.ts';
import { blockKey, chatDirectoryKey, chatMemberKey, chatNamePartition, chatsIndexPk, CHAT_ACTIVITY, userKey } from '../keys.ts';
import { assistantChatBlock } from '../quiz/me-quiz.ts';
import { nl2br } from '../timeline/tweet-text.ts';
import { activityLabel, type DirectoryEntry, foldName, minutesSinceActivity, touchDirectory } from './directory.ts';
import {
  blockedEitherWay,
  type ChatItem,
  chatMessages,
  clearChatMessagePending,
  clearSupportChat,
  dataKeyOf,
  deleteChat,
  ensureSupportChat,
  etagOf,
  isoSeconds,
  loadChat,
  loadSupportChat,
  markChatMessagePending,
  openChat,
  openMessage,
  sendChatMessage,
  sendSupportMessage,
  setBlock,
  supportMessages,
} from './store.ts';
import { chatAuthClaims, isSupportChatAuth, pageOf, signChatAuth, signPage, signStart, startOf, supportChatAuth } from './tokens.ts';

const RELOAD_APP = 'Recarregue o app, conversa não pode ser aberta.';
const DECRYPT_ERROR = '[erro ao descriptografar mensagem]';
const NO_PERMISSION = 'Seu perfil não tem permissão para utilizar este recurso.';

const avatarDefault = () => process.env.AVATAR_PADRAO_URL ?? '';
const avatarSupport = () => process.env.AVATAR_SUPORTE_URL ?? '';

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The text as the app shows it: escaped, line breaks as `<br/>`. */
export const displayText = (text: string): string => nl2br(escapeHtml(text));

const clampRows = (rows: number | undefined, fallback: number, min: number, max: number): number => {
  const value = rows || fallback;
  return value > max || value < min ? fallback : value;
};

const skillNames = (ids: unknown): string | undefined => {
  if (!Array.isArray(ids) || ids.length === 0) return undefined;
  const names = ids.map((id) => SKILLS.find((s) => s.id === Number(id))?.skill).filter((s): s is string => !!s);
  return names.length ? names.sort().join(', ') : undefined;
};

/** Someone as the badge rules see her: her city and the badge kinds she holds (`held`, from heldKinds). */
const holder = (user: UserRecord, held: Map<number, BadgeKind[]>) => ({ id: user.id, cep_cidade: user.cep_cidade, kinds: held.get(user.id) ?? [] });

/** Whether another user shows in the community (search, profiles): active, a woman, not anonymous. */
const listable = (user: UserRecord | undefined): user is UserRecord => !!user && isActive(user) && isFemale(user) && !user.modo_anonimo_ativo;

// ---- rooms ----

interface Room {
  chat: ChatItem;
  other: Record<string, unknown>;
  otherId: number;
  meta: { can_send_message: 0 | 1; did_blocked: 0 | 1; is_blockable: 1; last_msg_etag: string; header_message: string; header_warning: string };
}

async function loadRoom(user: UserRecord, chatAuth: string, now = new Date()): Promise<Room> {
  const claims = await chatAuthClaims(chatAuth);
  if (!claims) throw badRequest('chat_auth_invalid', RELOAD_APP);
  if (claims.userId !== user.id) throw badRequest('chat_auth_invalid_user', RELOAD_APP);
  const chat = await loadChat(claims.chatId);
  if (!chat) throw badRequest('chat_session_not_found', RELOAD_APP);
  if (!chat.participants.includes(user.id)) throw badRequest('chat_not_participant', RELOAD_APP);
  const otherId = chat.participants[0] === user.id ? chat.participants[1] : chat.participants[0];
  const [other, entry, blockedMe, didBlock] = await batchGet(
    [userKey(otherId), chatDirectoryKey(otherId), blockKey(otherId, user.id), blockKey(user.id, otherId)],
    {
      consistentRead: true,
    },
  );
  const otherUser = other as UserRecord | undefined;
  const meta: Room['meta'] = {
    can_send_message: blockedMe || didBlock ? 0 : 1,
    did_blocked: didBlock ? 1 : 0,
    is_blockable: 1,
    last_msg_etag: etagOf(chat.last_message_at),
    header_message: '',
    header_warning: '',
  };
  if (!otherUser || !isActive(otherUser)) {
    meta.can_send_message = 0;
    return { chat, otherId, meta, other: { cliente_id: otherId, apelido: 'Usuário removido', avatar_url: avatarDefault(), activity: '-' } };
  }
  const held = await heldKinds([user.id, otherId], now);
  return {
    chat,
    otherId,
    meta,
    other: {
      cliente_id: otherId,
      apelido: otherUser.apelido,
      avatar_url: otherUser.avatar_url || avatarDefault(),
      activity: activityLabel(minutesSinceActivity(entry as DirectoryEntry | undefined, otherUser, now)),
      badges: chatBadges(holder(user, held), holder(otherUser, held), { block: false }),
    },
  };
}

async function listRoomMessages(user: UserRecord, room: Room, pagination: string | undefined, rows: number | undefined) {
  const limit = clampRows(rows, 10, 1, 1000);
  const page = pagination ? await pageOf(pagination, 'U:X') : {};
  if (!page) throw badRequest('pagination', 'paginação inválida');
  const found = await chatMessages(room.chat, page, limit);
  if (!page.before) await clearChatMessagePending(user.id, room.otherId);
  const key = await dataKeyOf(room.chat);
  const messages = found.rows.map((row) => ({
    id: row.id,
    message: displayText(openMessage(key, room.chat.chat_id, row.message) ?? DECRYPT_ERROR),
    is_me: row.cliente_id === user.id ? 1 : 0,
    time: isoSeconds(row.created_at),
  }));
  const first = found.rows[0]?.sk ?? page.after;
  const last = found.rows.at(-1)?.sk;
  return {
    messages,
    other: room.other,
    ...(!page.before && { newer: await signPage('U:X', first ? { after: first } : {}) }),
    has_more: found.hasMore ? 1 : 0,
    ...(found.hasMore && last && { older: await signPage('U:X', { before: last }) }),
    meta: room.meta,
  };
}

// ---- the support room ----

function supportRoom(user: UserRecord, chatAuth: string) {
  if (chatAuth !== supportChatAuth(user)) throw badRequest('chat_auth_invalid', RELOAD_APP);
}

const supportOther = () => ({
  blocked_me: 0,
  cliente_id: 0,
  activity: 'até 48hrs para resposta',
  apelido: 'Suporte PenhaS',
  avatar_url: avatarSupport(),
  badges: [],
});

const supportMeta = (lastMsgAt: string) => ({
  can_send_message: 1,
  did_blocked: 0,
  is_blockable: 0,
  last_msg_etag: etagOf(lastMsgAt),
  header_message: 'Este é um canal de contato direto com as administradoras do PenhaS.',
  header_warning: 'Importante: demoramos cerca de <b>2 dias para responder as mensagens</b>',
});

async function listSupportMessages(user: UserRecord, pagination: string | undefined, rows: number | undefined) {
  const chat = await ensureSupportChat(user.id);
  const limit = clampRows(rows, 10, 1, 100);
  const page = pagination ? await pageOf(pagination, 'S:X') : {};
  if (!page) throw badRequest('pagination', 'paginação inválida');
  const found = await supportMessages(user.id, page, limit);
  if (!page.before) await clearChatMessagePending(user.id, -1);
  const first = found.rows[0]?.sk ?? page.after;
  const last = found.rows.at(-1)?.sk;
  return {
    messages: found.rows.map((row) => ({
      id: row.id,
      message: displayText(row.message),
      is_me: row.admin_user_id ? 0 : 1,
      time: isoSeconds(row.created_at),
    })),
    other: supportOther(),
    ...(!page.before && { newer: await signPage('S:X', first ? { after: first } : {}) }),
    has_more: found.hasMore ? 1 : 0,
    ...(found.hasMore && last && { older: await signPage('S:X', { before: last }) }),
    meta: supportMeta(chat.last_msg_at),
  };
}

// ---- routes ----

/** `GET /me/chats-messages`. */
export async function listMessages(user: UserRecord, input: { chat_auth: string; pagination?: string; rows?: number }) {
  if (isSupportChatAuth(input.chat_auth)) {
    supportRoom(user, input.chat_auth);
    return listSupportMessages(user, input.pagination, input.rows);
  }
  await touchDirectory(user);
  const room = await loadRoom(user, input.chat_auth);
  return listRoomMessages(user, room, input.pagination, input.rows);
}

/** `POST /me/chats-messages`. */
export async function sendMessage(user: UserRecord, input: { chat_auth: string; message: string }) {
  if (isSupportChatAuth(input.chat_auth)) {
    supportRoom(user, input.chat_auth);
    const sent = await sendSupportMessage(user, input.message);
    logger.info('support message sent', { userId: user.id, messageId: sent.id });
    return { id: sent.id, prev_last_msg_etag: etagOf(sent.previous), last_msg_etag: etagOf(sent.at) };
  }
  const room = await loadRoom(user, input.chat_auth);
  if (room.meta.did_blocked) throw badRequest('remove_block_to_send_message', 'Para enviar mensagens nesta conversa, desbloquei o outro usuário.');
  if (!room.meta.can_send_message) throw badRequest('blocked', 'Você não pode enviar mensagens nesta conversa.');
  const sent = await sendChatMessage(room.chat, user.id, input.message);
  logger.info('chat message sent', { userId: user.id, chatId: room.chat.chat_id, messageId: sent.id });
  await markChatMessagePending(room.otherId, user.id);
  await touchDirectory(user);
  return { id: sent.id, prev_last_msg_etag: etagOf(sent.previous), last_msg_etag: etagOf(sent.at) };
}

/** `DELETE /me/chats-session`: a private chat is deleted for both; the support chat's messages are cleared. */
export async function deleteSession(user: UserRecord, chatAuth: string): Promise<void> {
  if (isSupportChatAuth(chatAuth)) {
    supportRoom(user, chatAuth);
    await clearSupportChat(user.id);
    return;
  }
  const room = await loadRoom(user, chatAuth);
  await deleteChat(room.chat);
  logger.info('chat deleted', { userId: user.id, chatId: room.chat.chat_id });
}

/** `POST /me/chats-session`: her chat with `cliente_id` (opened when there is none), optionally its latest messages. */
export async function openSession(user: UserRecord, input: { cliente_id: number; prefetch?: boolean }) {
  if (input.cliente_id === user.id) throw badRequest('cannot_message_yourself', 'Não pode abrir uma sala contigo mesmo!');
  const other = await table.get<UserRecord>(userKey(input.cliente_id));
  if (!other || !isActive(other)) throw itemNotFound();
  const chatId = await openChat(user.id, other.id);
  const chatAuth = await signChatAuth(chatId, user.id);
  await touchDirectory(user);
  if (!input.prefetch) return { chat_auth: chatAuth };
  const room = await loadRoom(user, chatAuth);
  return { chat_auth: chatAuth, prefetch: await listRoomMessages(user, room, undefined, undefined) };
}

/** `POST /me/manage-blocks`. */
export async function manageBlock(user: UserRecord, input: { cliente_id: number; block: boolean }): Promise<void> {
  if (input.cliente_id === user.id) throw badRequest('cannot_block_yourself', 'Não pode bloquear você mesmo!');
  await setBlock(user.id, input.cliente_id, input.block);
}

interface MemberItem {
  chat_id: string;
  other_id: number;
  last_message_at: string;
  last_message_by: number;
  gsi1sk: string;
}

const supportBlock = async (user: UserRecord) => {
  const chat = await loadSupportChat(user.id);
  return {
    chat_auth: supportChatAuth(user),
    other_activity: '',
    other_apelido: 'Suporte PenhaS',
    other_avatar_url: avatarSupport(),
    other_badges: [],
    last_message_at: isoSeconds(chat ? chat.last_msg_at : user.created_on),
    last_message_is_me: chat ? (chat.last_msg_is_support ? 0 : 1) : 0,
  };
};

/** `GET /me/chats`: her chats with messages, latest first, without anyone blocked either way; the support and the assistant. */
export async function listChats(user: UserRecord, input: { rows?: number; next_page?: string }, now = new Date()) {
  const limit = clampRows(input.rows, 10, 1, 100);
  let start: string | undefined;
  if (input.next_page) {
    start = await startOf(input.next_page, 'U:LS');
    if (!start) throw badRequest('form_error', 'next_page');
  }
  await touchDirectory(user, now);
  const blocked = await blockedEitherWay(user.id);
  const members: MemberItem[] = [];
  let lastKey: Record<string, unknown> | undefined;
  let more = false;
  do {
    const page = await table.query<MemberItem>({
      ...keyQuery({ index: 'gsi1', pk: chatsIndexPk(user.id), ...(start && { sk: { lessThan: start } }) }),
      ScanIndexForward: false,
      Limit: limit + 1,
      ...(lastKey && { ExclusiveStartKey: lastKey }),
    });
    for (const member of page.items) {
      if (blocked.has(Number(member.other_id))) continue;
      if (members.length === limit) {
        more = true;
        break;
      }
      members.push(member);
    }
    lastKey = page.lastKey;
  } while (lastKey && !more);

  const [users, held] = await Promise.all([
    batchGet(members.flatMap((m) => [userKey(m.other_id), chatDirectoryKey(m.other_id)])),
    heldKinds([user.id, ...members.map((m) => Number(m.other_id))], now),
  ]);
  const rows = [];
  for (const [i, member] of members.entries()) {
    const other = users[i * 2] as UserRecord | undefined;
    // A deleted account's chat is gone: her side of it goes too.
    if (!other) await table.delete(chatMemberKey(user.id, member.chat_id));
    if (!other || !isActive(other) || !isFemale(other)) continue;
    rows.push({
      chat_auth: await signChatAuth(member.chat_id, user.id),
      last_message_is_me: member.last_message_by === user.id ? 1 : 0,
      last_message_at: isoSeconds(member.last_message_at),
      other_activity: activityLabel(minutesSinceActivity(users[i * 2 + 1] as DirectoryEntry | undefined, other, now)),
      other_apelido: other.apelido,
      other_avatar_url: other.avatar_url || avatarDefault(),
      other_badges: chatBadges(holder(user, held), holder(other, held), { anonymous: Boolean(other.modo_anonimo_ativo), block: true }),
    });
  }
  const lastSk = members.at(-1)?.gsi1sk;
  return {
    rows,
    has_more: more ? 1 : 0,
    next_page: more && lastSk ? await signStart('U:LS', lastSk) : null,
    support: await supportBlock(user),
    assistant: assistantChatBlock(user) ?? null,
  };
}

function requirePrivateChat(user: UserRecord) {
  if (!moduleCodes(user).includes('chat_privado')) throw badRequest('form_error', NO_PERMISSION);
}

/** `GET /search-users`: active women in the community, by a prefix of the name or nickname (accents ignored), else by latest activity. */
export async function searchUsers(user: UserRecord, input: { rows?: number; next_page?: string; name?: string; skills?: string }, now = new Date()) {
  requirePrivateChat(user);
  const limit = clampRows(input.rows, 10, 1, 100);
  let start: string | undefined;
  if (input.next_page) {
    start = await startOf(input.next_page, 'U:NP');
    if (!start) throw badRequest('form_error', 'next_page');
  }
  await touchDirectory(user, now);
  const skills = input.skills ? new Set(input.skills.split(',').map(Number)) : undefined;
  const name = foldName(input.name ?? '');
  const query = name
    ? {
        ...keyQuery({ pk: chatNamePartition(name), sk: start ? { between: [start, `${name}\uffff`] as [string, string] } : { beginsWith: name } }),
        ScanIndexForward: true,
      }
    : { ...keyQuery({ index: 'gsi1', pk: CHAT_ACTIVITY, ...(start && { sk: { lessThan: start } }) }), ScanIndexForward: false };
  const blocked = await blockedEitherWay(user.id);
  const rows: Record<string, unknown>[] = [];
  const seen = new Set<number>([user.id]);
  let lastKey: Record<string, unknown> | undefined;
  let more = false;
  let resume: string | undefined;
  do {
    const page = await table.query<{ cliente_id: number; sk: string; gsi1sk?: string }>({
      ...query,
      Limit: limit + 5,
      ...(lastKey && { ExclusiveStartKey: lastKey }),
    });
    const candidates = page.items.filter((item) => item.sk !== start);
    const [found, held] = await Promise.all([
      batchGet(candidates.flatMap((c) => [userKey(c.cliente_id), chatDirectoryKey(c.cliente_id)])),
      heldKinds([user.id, ...candidates.map((c) => Number(c.cliente_id))], now),
    ]);
    for (const [i, candidate] of candidates.entries()) {
      if (rows.length === limit) {
        more = true;
        break;
      }
      resume = name ? candidate.sk : candidate.gsi1sk;
      const other = found[i * 2] as UserRecord | undefined;
      if (seen.has(candidate.cliente_id) || blocked.has(candidate.cliente_id) || !listable(other)) continue;
      if (skills && !(other.skills ?? []).some((id) => skills.has(Number(id)))) continue;
      seen.add(candidate.cliente_id);
      rows.push({
        cliente_id: other.id,
        apelido: other.apelido,
        avatar_url: other.avatar_url || avatarDefault(),
        activity: activityLabel(minutesSinceActivity(found[i * 2 + 1] as DirectoryEntry | undefined, other, now)),
        skills: skillNames(other.skills) ?? '',
        badges: chatBadges(holder(user, held), holder(other, held), { block: true }),
      });
    }
    lastKey = page.lastKey;
  } while (lastKey && !more);
  // The next page starts after the last candidate looked at (exclusive).
  return { rows, has_more: more ? 1 : 0, next_page: more && resume ? await signStart('U:NP', resume) : null };
}

/** `GET /profile`: another user's public profile. */
export async function profile(user: UserRecord, clienteId: number) {
  requirePrivateChat(user);
  const other = await table.get<UserRecord>(userKey(clienteId));
  if (!listable(other)) throw itemNotFound();
  const skills = skillNames(other.skills);
  const held = await heldKinds([user.id, other.id]);
  return {
    profile: {
      cliente_id: other.id,
      apelido: other.apelido,
      avatar_url: other.avatar_url || avatarDefault(),
      minibio: other.minibio || '',
      ...(skills ? { skills } : { skills: null }),
      badges: chatBadges(holder(user, held), holder(other, held), { block: false }),
    },
    is_myself: other.id === user.id ? 1 : 0,
  };
}
