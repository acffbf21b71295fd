/**
 * The user search (`GET /search-users`) without Scan. As in the original, the
 * users listed are those with activity in the app's community: an entry per
 * user (`CHAT_DIRECTORY` in her partition) holds her last activity, indexed by
 * it (gsi1 `CHAT_ACTIVITY`, newest first: the list without a name), and her
 * full name and nickname are written folded (lower case, no accents) as name
 * items (`CHAT_NAME#<first 2 letters>`, sort key `<folded name>#<id>`), so a
 * name's prefix is one Query. The entry's `refs` name the name items, so an
 * account's deletion removes them; a changed name replaces them the next time
 * the entry is touched.
 *
 * Entries are touched by the chat routes she calls, at most every few minutes.
 */
import * as table from '#shared/db/table';
import { batchWrite } from '#shared/db/batch';
import { type ItemKey, CHAT_ACTIVITY, chatDirectoryKey, chatNameKey } from '../keys.ts';
import { key } from '#shared/db/keys';
import type { UserRecord } from '../accounts/users.ts';

export interface DirectoryEntry {
  pk: string;
  sk: string;
  cliente_id: number;
  last_activity: string;
  names: string[];
  refs: ItemKey[];
  gsi1pk: string;
  gsi1sk: string;
}

/** Lower case, accents and anything but letters, digits and spaces removed, spaces collapsed. */
export const foldName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const namesOf = (user: Pick<UserRecord, 'nome_completo' | 'apelido'>): string[] =>
  [...new Set([foldName(user.nome_completo ?? ''), foldName(user.apelido ?? '')])].filter((name) => name.length >= 2);

/** Activity is written again only after this long. */
const TOUCH_EVERY_MS = 2 * 60_000;

export const activityIndexKeys = (userId: number, at: string) => ({ gsi1pk: CHAT_ACTIVITY, gsi1sk: key(at, String(userId).padStart(9, '0')) });

/** Records her activity (and her current names) in the search; a read when nothing changed. */
export async function touchDirectory(
  user: Pick<UserRecord, 'id' | 'nome_completo' | 'apelido'>,
  now = new Date(),
  known?: DirectoryEntry | null,
): Promise<DirectoryEntry> {
  const entry = known === undefined ? await table.get<DirectoryEntry>(chatDirectoryKey(user.id)) : (known ?? undefined);
  const names = namesOf(user);
  const sameNames = entry && entry.names.length === names.length && entry.names.every((name, i) => name === names[i]);
  if (entry && sameNames && now.getTime() - Date.parse(entry.last_activity) < TOUCH_EVERY_MS) return entry;
  const at = now.toISOString();
  const nameKeys = names.map((name) => chatNameKey(name, user.id));
  const next: DirectoryEntry = {
    ...chatDirectoryKey(user.id),
    cliente_id: user.id,
    last_activity: at,
    names,
    refs: nameKeys,
    ...activityIndexKeys(user.id, at),
  };
  if (!sameNames) {
    const stale = (entry?.refs ?? []).filter((old) => !nameKeys.some((k) => k.pk === old.pk && k.sk === old.sk));
    await batchWrite({
      puts: nameKeys.map((k, i) => ({ ...k, cliente_id: user.id, name: names[i] })),
      deletes: stale,
    });
  }
  await table.put(next as unknown as Record<string, unknown>);
  return next;
}

/** Minutes since her last activity, from her entry (or her last login when she has none). */
export function minutesSinceActivity(
  entry: Pick<DirectoryEntry, 'last_activity'> | undefined,
  user: { created_on: string; last_login_at?: unknown },
  now = new Date(),
): number {
  const last = entry?.last_activity ?? (typeof user.last_login_at === 'string' ? user.last_login_at : user.created_on);
  return Math.max(0, Math.floor((now.getTime() - Date.parse(last)) / 60_000));
}

const ACTIVITY_LABELS: Record<number, string> = {
  0: 'há pouco tempo',
  1: 'há poucos dias',
  2: 'há poucos dias',
  3: 'há poucos dias',
  4: 'há alguns dias',
  5: 'há alguns dias',
  6: 'há alguns dias',
  7: 'há alguns dias',
  8: 'há algumas semanas',
  9: 'há algumas semanas',
  10: 'há algumas semanas',
  11: 'há algumas semanas',
  12: 'há algumas semanas',
  13: 'há algumas semanas',
  14: 'há algumas semanas',
};

/** The original's label for minutes without activity. */
export const activityLabel = (minutes: number): string => (minutes < 5 ? 'online' : (ACTIVITY_LABELS[Math.floor(minutes / 1440)] ?? 'há muito tempo'));
