/**
 * Which badges a woman shows to whoever looks at her post, chat or profile,
 * by the original's rules (Timeline and Chat helpers):
 *
 *   her own badges, each as `renderBadge(inline)` (on a post: none when it is
 *   anonymous);
 *   "Usuária da sua região" (`GEO:CITY`) when one of her badges is linked to
 *   the viewer's city and she lives there too (never on the viewer's own
 *   post, nor when she is anonymous);
 *   in chats and profiles also when the viewer holds a badge linked to the
 *   city she lives in (a local volunteer sees the women of her city), the
 *   viewer herself living there or having no city.
 *
 * Each code once. The region badge carries the linked badge's own images (the
 * original read per-code icon settings; the badge kind has them already).
 */
import { keyQuery } from '#shared/db/keys';
import { mapConcurrently } from '#shared/concurrency';
import { queryAll } from '#shared/db/pagination';
import { ownerPartition, USER_BADGE_PREFIX } from '../keys.ts';
import { type BadgeKind, type HeldBadge, listBadges, renderBadge } from './badges.ts';

export type ShownBadge = ReturnType<typeof renderBadge>;

export interface BadgeHolder {
  id: number;
  cep_cidade?: string | null;
  kinds: BadgeKind[];
}

/** The badge kinds each account holds now: one Query per account, the kinds read once. */
export async function heldKinds(userIds: number[], now = new Date()): Promise<Map<number, BadgeKind[]>> {
  const ids = [...new Set(userIds)];
  const held = new Map<number, BadgeKind[]>();
  if (ids.length === 0) return held;
  const [kinds, rows] = await Promise.all([
    listBadges(),
    mapConcurrently(ids, 8, (id) => queryAll<HeldBadge>(keyQuery({ pk: ownerPartition(id), sk: { beginsWith: USER_BADGE_PREFIX } }))),
  ]);
  const byId = new Map(kinds.map((kind) => [kind.id, kind]));
  const valid = now.toISOString();
  for (const [i, id] of ids.entries()) {
    held.set(
      id,
      rows[i].filter((row) => row.valid_until > valid).flatMap((row) => byId.get(row.badge_id) ?? []),
    );
  }
  return held;
}

const regionBadge = (kind: BadgeKind, description: string, block: boolean): ShownBadge => ({
  code: 'GEO:CITY',
  name: 'Usuária da sua região',
  description,
  image_url: kind.image_url,
  image_url_black: kind.image_url_black,
  popup: block ? 0 : 1,
  show_description: 0,
  style: block ? 'inline-block' : 'inline',
});

const distinct = (badges: ShownBadge[]): ShownBadge[] => {
  const seen = new Set<string>();
  return badges.filter((badge) => !seen.has(badge.code) && seen.add(badge.code));
};

/** Her badges on a post the viewer reads. */
export function postBadges(viewer: BadgeHolder, author: BadgeHolder, anonymous: boolean): ShownBadge[] {
  if (anonymous) return [];
  const shown = author.kinds.map((kind) => renderBadge(kind, true));
  const city = viewer.cep_cidade;
  if (viewer.id !== author.id && city && author.cep_cidade === city) {
    for (const kind of author.kinds) {
      if (kind.linked_cep_cidade === city) shown.push(regionBadge(kind, `Colaborada da cidade ${city}`, true));
    }
  }
  return distinct(shown);
}

/**
 * Her badges in a chat, the user search or her profile. `block`: the compact
 * form of lists (the chat list, the search), not the room or the profile.
 */
export function chatBadges(viewer: BadgeHolder, other: BadgeHolder, options: { anonymous?: boolean; block: boolean }): ShownBadge[] {
  const shown = other.kinds.map((kind) => renderBadge(kind, true));
  if (options.anonymous) return distinct(shown);
  const city = viewer.cep_cidade;
  if (city && other.cep_cidade === city) {
    for (const kind of other.kinds) if (kind.linked_cep_cidade === city) shown.push(regionBadge(kind, `Colaborada da cidade ${city}`, false));
  }
  const otherCity = other.cep_cidade;
  if (otherCity && (!city || city === otherCity)) {
    for (const kind of viewer.kinds) if (kind.linked_cep_cidade === otherCity) shown.push(regionBadge(kind, 'Usuária da sua região', options.block));
  }
  return distinct(shown);
}
