/**
 * Badges (the original's `badges`, `cliente_tag` and `badge_invite`): kinds of
 * badge an admin creates, the badges a woman holds (each valid one year), and
 * the invitations of the Círculo PenhaS badge (`circulo-penhas`), which she
 * accepts herself from the link e-mailed to her (`/badge/accept`). Other
 * badges are given at once. Badges are only for women, as in the original.
 *
 * Her badges and invitations live in her partition, so deleting her account
 * deletes them; the kinds are content, in one partition.
 */
import { nextValue } from '#shared/db/counters';
import { keyQuery } from '#shared/db/keys';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact, type TransactItem } from '#shared/db/transactions';
import { isFemale, type UserRecord } from '../accounts/users.ts';
import {
  BADGE_INVITE_PREFIX,
  BADGE_PARTITION,
  badgeCodeKey,
  badgeInviteKey,
  badgeKey,
  ownerPartition,
  sequenceKey,
  USER_BADGE_PREFIX,
  userBadgeKey,
} from '../keys.ts';
import { queueEmail } from '../messaging/email-jobs.ts';
import { badgeInviteToken } from './invite-token.ts';

export const CIRCULO_PENHAS = 'circulo-penhas';
/** A badge is held one year from when it is given (the original's change from "forever"). */
const VALID_DAYS = 365;

export interface BadgeKind {
  id: number;
  code: string;
  name: string;
  description: string;
  image_url: string;
  image_url_black: string;
  /** The city (as in her CEP's `cep_cidade`) the badge is linked to, for the badge-holder notifications. */
  linked_cep_cidade: string | null;
  created_on: string;
}

export interface HeldBadge {
  badge_id: number;
  cliente_id: number;
  created_on: string;
  valid_until: string;
}

export interface BadgeInvite {
  id: number;
  badge_id: number;
  cliente_id: number;
  admin_user_id: string;
  accepted: 0 | 1;
  accepted_on?: string | null;
  accepted_ip?: string | null;
  accepted_user_agent?: string | null;
  deleted: 0 | 1;
  deleted_on?: string | null;
  created_on: string;
}

/** A badge as the app shows it on profiles (`inline` in her own profile). */
export const renderBadge = (badge: BadgeKind, inline = false) => ({
  code: badge.code,
  name: badge.name,
  description: badge.description,
  image_url: badge.image_url,
  image_url_black: badge.image_url_black,
  popup: 1,
  show_description: 1,
  style: inline ? 'inline' : 'inline-block',
});

export type NewBadge = Omit<BadgeKind, 'id' | 'created_on'>;

/** Creates a badge kind (its code unique), with the caller's own items (an audit entry) in the same transaction. */
export async function createBadge(fields: NewBadge, also: (badge: BadgeKind) => TransactItem[] = () => []): Promise<BadgeKind> {
  const badge: BadgeKind = { ...fields, id: await nextValue(sequenceKey('badge')), created_on: new Date().toISOString() };
  await transact([
    { Put: { Item: { ...badgeCodeKey(badge.code), badge_id: badge.id }, ConditionExpression: 'attribute_not_exists(pk)' }, conflictCode: 'badge_code_exists' },
    { Put: { Item: { ...badgeKey(badge.id), ...badge } } },
    ...also(badge),
  ]);
  return badge;
}

const stripKeys = <T>({ pk: _pk, sk: _sk, ...rest }: T & { pk: string; sk: string }) => rest as unknown as T;

export const listBadges = async (): Promise<BadgeKind[]> =>
  (await queryAll<BadgeKind & { pk: string; sk: string }>(keyQuery({ pk: BADGE_PARTITION, sk: { beginsWith: 'BADGE#' } }))).map((b) => stripKeys<BadgeKind>(b));

export async function findBadge(badgeId: number): Promise<BadgeKind | undefined> {
  const found = await table.get<BadgeKind & { pk: string; sk: string }>(badgeKey(badgeId));
  return found && stripKeys<BadgeKind>(found);
}

const isValid = (held: HeldBadge | undefined, now: Date): held is HeldBadge => held !== undefined && held.valid_until > now.toISOString();

/** The badges she holds now, as the app shows them. */
export async function activeBadges(userId: number, now = new Date()) {
  const held = (await queryAll<HeldBadge>(keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: USER_BADGE_PREFIX } }))).filter((h) => isValid(h, now));
  const kinds = await Promise.all(held.map((h) => findBadge(h.badge_id)));
  return kinds.filter((kind): kind is BadgeKind => kind !== undefined).map((kind) => renderBadge(kind, true));
}

export const heldBadge = (userId: number, badgeId: number) => table.get<HeldBadge>(userBadgeKey(userId, badgeId), { consistent: true });

/** Gives her the badge for a year, unless she holds it already (then it is left as it is). */
async function giveBadge(userId: number, badgeId: number, now: Date): Promise<void> {
  if (isValid(await heldBadge(userId, badgeId), now)) return;
  await table.put({
    ...userBadgeKey(userId, badgeId),
    badge_id: badgeId,
    cliente_id: userId,
    created_on: now.toISOString(),
    valid_until: new Date(now.getTime() + VALID_DAYS * 86_400_000).toISOString(),
  });
}

const invitesOf = (userId: number) =>
  queryAll<BadgeInvite & { pk: string; sk: string }>(keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: BADGE_INVITE_PREFIX } }));

export type AddResult = 'already_active' | 'invite_pending' | 'email_sent' | 'added_directly' | 'not_eligible';

/**
 * An admin gives her a badge: the Círculo PenhaS badge by invitation (an
 * e-mail with her acceptance link; one pending invitation at a time), any
 * other at once. Men are not given badges (the original skipped them while
 * reporting them as added; here they are reported as `not_eligible`).
 */
export async function addBadge(user: UserRecord, badge: BadgeKind, adminId: string, baseUrl: string, now = new Date()): Promise<AddResult> {
  if (isValid(await heldBadge(user.id, badge.id), now)) return 'already_active';
  if (!isFemale(user)) return 'not_eligible';
  if (badge.code !== CIRCULO_PENHAS) {
    await giveBadge(user.id, badge.id, now);
    return 'added_directly';
  }
  if ((await invitesOf(user.id)).some((i) => i.badge_id === badge.id && !i.accepted && !i.deleted)) return 'invite_pending';
  const invite: BadgeInvite = {
    id: await nextValue(sequenceKey('badge_invite')),
    badge_id: badge.id,
    cliente_id: user.id,
    admin_user_id: adminId,
    accepted: 0,
    deleted: 0,
    created_on: now.toISOString(),
  };
  await table.put({ ...badgeInviteKey(user.id, invite.id), ...invite });
  const link = `${baseUrl}badge/accept?token=${encodeURIComponent(await badgeInviteToken({ bid: badge.id, uid: user.id, inv: invite.id }))}`;
  await queueEmail({
    // One e-mail per invitation, however often this is retried.
    id: `badge-invite:${invite.id}`,
    to: user.email,
    subject: 'Confirmação de inscrição - Voluntária PenhaS/Círculo PenhaS',
    template: 'circulo_penhas_invite',
    text: `Olá, ${user.nome_completo}!\n\nVocê foi convidada a receber o selo ${badge.name} no aplicativo PenhaS. Para confirmar, abra o link abaixo:\n\n${link}\n\nEquipe PenhaS`,
  });
  return 'email_sent';
}

/** Takes the badge from her: her holding ends now and a pending invitation is cancelled. */
export async function removeBadge(userId: number, badgeId: number, now = new Date()): Promise<'removed' | 'no_action_needed'> {
  const at = now.toISOString();
  let changed = false;
  if (isValid(await heldBadge(userId, badgeId), now)) {
    await table.update(userBadgeKey(userId, badgeId), 'SET valid_until = :now', { values: { ':now': at } });
    changed = true;
  }
  for (const invite of await invitesOf(userId)) {
    if (invite.badge_id !== badgeId || invite.accepted || invite.deleted) continue;
    await table.update(badgeInviteKey(userId, invite.id), 'SET deleted = :one, deleted_on = :now', {
      values: { ':one': 1, ':now': at, ':zero': 0 },
      condition: 'accepted = :zero AND deleted = :zero',
    });
    changed = true;
  }
  return changed ? 'removed' : 'no_action_needed';
}

export const findInvite = (userId: number, inviteId: number) => table.get<BadgeInvite>(badgeInviteKey(userId, inviteId), { consistent: true });

/** Cancels an invitation whose link expired (the original's bookkeeping when such a link is opened). */
export async function expireInvite(userId: number, inviteId: number, now = new Date()): Promise<void> {
  await table.update(badgeInviteKey(userId, inviteId), 'SET deleted = :one, deleted_on = :now', {
    values: { ':one': 1, ':now': now.toISOString(), ':zero': 0 },
    condition: 'attribute_exists(pk) AND accepted = :zero AND deleted = :zero',
  });
}

/** She accepts: the badge is hers for a year and the invitation marked accepted (again: nothing changes). */
export async function acceptInvite(invite: BadgeInvite, facts: { ip: string; userAgent: string }, now = new Date()): Promise<boolean> {
  if (invite.accepted) return true;
  if (invite.deleted) return false;
  await giveBadge(invite.cliente_id, invite.badge_id, now);
  await table.update(badgeInviteKey(invite.cliente_id, invite.id), 'SET accepted = :one, accepted_on = :now, accepted_ip = :ip, accepted_user_agent = :ua', {
    values: { ':one': 1, ':now': now.toISOString(), ':ip': facts.ip, ':ua': facts.userAgent.slice(0, 1999), ':zero': 0 },
    condition: 'deleted = :zero',
  });
  return true;
}
