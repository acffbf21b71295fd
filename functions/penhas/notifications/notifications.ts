/**
 * Her inbox as the app shows it (the original's Helpers/Notifications): the
 * unread count, and pages of rows newest first, each with who it is about,
 * the icon and the screen it opens. Reading the first page marks everything
 * on it, and before it, read.
 *
 * Names: `Admin PenhaS` for an admin's, `PenhaS` for one about nobody,
 * `Suporte PenhaS` (titled "respondeu sua mensagem") for the support's
 * answer, her nickname for an active author not in anonymous mode, else
 * `Anônimo`; a chat names its author even in anonymous mode (she is talking
 * to her), and `Usuário removido` once the account is gone. Rows about
 * someone she blocked are left out.
 */
import * as z from 'zod/mini';
import { batchGet } from '#shared/db/batch';
import { keyQuery } from '#shared/db/keys';
import { decodeCursor, encodeCursor, queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { loadConfig } from '#shared/config';
import { logger } from '#shared/observability/logger';
import { isActive, type UserRecord } from '../accounts/users.ts';
import { openSession } from '../chats/chats.ts';
import { supportChatAuth } from '../chats/tokens.ts';
import { NOTIFICATION_PREFIX, ownerPartition, userKey } from '../keys.ts';
import { maskContactData } from '../timeline/tweet-text.ts';
import { countAfter, markReadUntil, type NotificationItem, readUntil } from './inbox.ts';

const iconConfig = z.object({ DEFAULT_NOTIFICATION_ICON: z._default(z.string(), 'https://api.penhas.com.br/i') });

export const DEFAULT_ROWS = 100;

export const unreadCount = async (userId: number): Promise<number> => countAfter(userId, await readUntil(userId));

export interface NotificationRow {
  content: string;
  title: string;
  time: string;
  icon: string;
  name: string;
  expand_screen?: string;
}

/** The original's page size rule: 100 by default; anything under 10 or over 1000 becomes 10. */
export const pageSize = (rows: number | undefined): number => (rows === undefined || rows === 0 ? DEFAULT_ROWS : rows < 10 || rows > 1000 ? 10 : rows);

/** `2024-05-01T12:00:00.123Z` → `2024-05-01T12:00:00Z`, as the original printed times. */
const toSecond = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z');

export async function listNotifications(
  user: UserRecord,
  input: { next_page?: string; rows?: number },
): Promise<{ rows: NotificationRow[]; has_more: 0 | 1; next_page: string | null }> {
  const rows = pageSize(input.rows);
  const params = { ...keyQuery({ pk: ownerPartition(user.id), sk: { beginsWith: NOTIFICATION_PREFIX } }), ScanIndexForward: false };
  const startKey = input.next_page ? decodeCursor(params, input.next_page, 'next_page') : undefined;
  // One more than the page, to know whether another follows.
  const found: NotificationItem[] = [];
  let cursor = startKey;
  do {
    const page = await table.query<NotificationItem>({ ...params, Limit: rows + 1 - found.length, ExclusiveStartKey: cursor });
    found.push(...page.items);
    cursor = page.lastKey;
  } while (cursor && found.length <= rows);
  const hasMore = found.length > rows;
  const shown = found.slice(0, rows);
  const last = shown.at(-1);

  if (!input.next_page && shown.length > 0) await markReadUntil(user.id, shown[0].sk);

  const blocked = await blockedBy(user.id, shown);
  const visible = shown.filter((item) => !(item.subject_id && blocked.has(item.subject_id)));
  const subjects = await subjectsOf(visible);
  const base = loadConfig(iconConfig).DEFAULT_NOTIFICATION_ICON;
  // One chat per correspondent, however many of her rows name it.
  const chats = new Map<number, Promise<string | undefined>>();
  const out = await Promise.all(visible.map((item) => rowOf(user, item, subjects, base, chats)));
  return {
    rows: out,
    has_more: hasMore ? 1 : 0,
    next_page: hasMore && last ? encodeCursor(params, { pk: last.pk, sk: last.sk }) : null,
  };
}

/** The ids she blocked among the rows' subjects (read only when a row names someone). */
async function blockedBy(userId: number, items: NotificationItem[]): Promise<Set<number>> {
  if (!items.some((item) => item.subject_id && item.subject_id > 0)) return new Set();
  const blocks = await queryAll<{ sk: string }>({ ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: 'BLOCK#' } }), ProjectionExpression: '#sk' });
  return new Set(blocks.map((block) => Number(block.sk.slice('BLOCK#'.length))));
}

type Subject = Pick<UserRecord, 'id' | 'apelido' | 'status' | 'modo_anonimo_ativo'>;

async function subjectsOf(items: NotificationItem[]): Promise<Map<number, Subject>> {
  const ids = [...new Set(items.map((item) => item.subject_id).filter((id): id is number => typeof id === 'number' && id > 0))];
  const found = await batchGet<Subject & { pk: string; sk: string }>(
    ids.map((id) => userKey(id)),
    { attributes: ['id', 'apelido', 'status', 'modo_anonimo_ativo'] },
  );
  return new Map(found.filter((s): s is Subject & { pk: string; sk: string } => s !== undefined).map((s) => [Number(s.id), s]));
}

function nameOf(item: NotificationItem, subject: Subject | undefined): { name: string; title?: string } {
  if (item.meta.admin_mode) return { name: 'Admin PenhaS' };
  if (item.subject_id === undefined || item.subject_id === null) return { name: 'PenhaS' };
  if (item.subject_id === -1) return { name: 'Suporte PenhaS', title: 'respondeu sua mensagem' };
  if (subject && isActive(subject) && !subject.modo_anonimo_ativo) return { name: subject.apelido };
  if (item.meta.chat) return { name: subject && isActive(subject) ? subject.apelido : 'Usuário removido' };
  return { name: 'Anônimo' };
}

async function rowOf(
  user: UserRecord,
  item: NotificationItem,
  subjects: Map<number, Subject>,
  iconBase: string,
  chats: Map<number, Promise<string | undefined>>,
): Promise<NotificationRow> {
  const named = nameOf(item, item.subject_id ? subjects.get(item.subject_id) : undefined);
  const row: NotificationRow = {
    content: maskContactData(item.content),
    title: named.title ?? item.title,
    time: toSecond(item.created_at),
    icon: `${iconBase}/${item.icon ?? 0}.svg`,
    name: named.name,
  };
  const screen = await expandScreen(user, item, chats);
  if (screen) row.expand_screen = screen;
  return row;
}

async function expandScreen(user: UserRecord, item: NotificationItem, chats: Map<number, Promise<string | undefined>>): Promise<string | undefined> {
  const meta = item.meta;
  if (meta.chat) {
    if (item.subject_id === -1) return `/mainboard/chat/${supportChatAuth(user)}`;
    const otherId = item.subject_id;
    if (!otherId) return undefined;
    let chatAuth = chats.get(otherId);
    if (!chatAuth) {
      chatAuth = openSession(user, { cliente_id: otherId }).then(
        (session) => session.chat_auth,
        (error: Error) => {
          // Her correspondent is gone or blocked her: the row stays, without a screen to open.
          logger.info('chat of a notification not opened', { errorName: error.name });
          return undefined;
        },
      );
      chats.set(otherId, chatAuth);
    }
    const opened = await chatAuth;
    return opened && `/mainboard/chat/${opened}`;
  }
  if (meta.tweet_id && meta.comment_id) return `/mainboard/tweet/${meta.tweet_id}?comment_id=${meta.comment_id}`;
  if (meta.tweet_id) return `/mainboard/tweet/${meta.tweet_id}`;
  return undefined;
}
