/**
 * Her guardians: invites by SMS (at most 5 in use), the list the app shows,
 * edit and delete, and the guardian's side through the invite link (accept,
 * refuse). Rules and texts are the original's.
 *
 * Storage: one item per invite in her partition (`GUARDIAN#<id>`), and a
 * token item (`GUARDIAN_TOKEN#<token>`) so the link finds it; the invite's
 * `refs` name the token item, so deleting her account removes it too.
 *
 * Consistency:
 *   - the user item's `qtde_guardioes_ativos` (accepted guardians) changes in
 *     the same transaction as the invite whose status enters or leaves
 *     `accepted`, conditioned on the status it had when read;
 *   - invites that use a slot or claim a number are written in a transaction
 *     that bumps the user item's `guardians_rev` from the value read with the
 *     list, so two concurrent invites cannot both take the last slot or invite
 *     the same number twice (the loser re-reads and decides again).
 * Pending invites past `expires_at` read as `expired_for_not_use` (the
 * original expired them with an UPDATE before every read).
 */
import { nextValue } from '#shared/db/counters';
import { keyQuery } from '#shared/db/keys';
import { batchGet } from '#shared/db/batch';
import { queryAll } from '#shared/db/pagination';
import * as table from '#shared/db/table';
import { transact, type TransactItem } from '#shared/db/transactions';
import { AppError } from '#shared/errors';
import { badRequest, itemNotFound } from '../errors.ts';
import { GUARDIAN_PREFIX, guardianKey, guardianTokenKey, type ItemKey, ownerPartition, sequenceKey, userKey } from '../keys.ts';
import type { UserRecord } from '../accounts/users.ts';
import { checkInviteToken, newInviteToken } from './invite-token.ts';
import { parseMobile } from './phone.ts';
import { dateTime, dayMonthYear, yearMonthDay } from './dates.ts';

export type GuardianStatus = 'pending' | 'accepted' | 'refused' | 'expired_for_not_use' | 'removed_by_user';

export interface GuardianItem {
  pk: string;
  sk: string;
  id: number;
  userId: number;
  status: GuardianStatus;
  celular_e164: string;
  celular_formatted_as_national: string;
  nome: string;
  token: string;
  /** ISO timestamps. */
  created_at: string;
  expires_at: string;
  accepted_at?: string;
  refused_at?: string;
  deleted_at?: string;
  accepted_meta?: Record<string, string>;
  refs: ItemKey[];
}

interface TokenItem {
  userId: number;
  guardianId: number;
}

const DAY_MS = 86_400_000;
const INVITE_DAYS = 30;
const ATTEMPTS = 3;

const maxInvites = () => Number(process.env.MAX_GUARDS_INVITES) || 5;

/** The status as of `now`: a pending invite past its expiry is expired. */
export function statusOf(guardian: Pick<GuardianItem, 'status' | 'expires_at'>, now: Date): GuardianStatus {
  return guardian.status === 'pending' && Date.parse(guardian.expires_at) <= now.getTime() ? 'expired_for_not_use' : guardian.status;
}

const IN_USE: GuardianStatus[] = ['pending', 'accepted', 'expired_for_not_use', 'refused'];
const usedInvites = (guardians: GuardianItem[], now: Date) => guardians.filter((g) => !g.deleted_at && IN_USE.includes(statusOf(g, now))).length;

export function guardiansOf(userId: number, consistent = false): Promise<GuardianItem[]> {
  return queryAll<GuardianItem>({ ...keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: GUARDIAN_PREFIX } }), ConsistentRead: consistent });
}

/** An invite as `POST /me/guardioes` and `PUT /me/guardioes/{id}` answer it. */
export function guardianData(guardian: GuardianItem, now: Date) {
  const status = statusOf(guardian, now);
  return {
    id: guardian.id,
    nome: guardian.nome,
    celular_formatted_as_national: guardian.celular_formatted_as_national,
    is_accepted: status === 'accepted' ? 1 : 0,
    is_pending: status === 'pending' ? 1 : 0,
    is_expired: status === 'expired_for_not_use' ? 1 : 0,
    created_at: dateTime(guardian.created_at),
    expires_at: dateTime(guardian.expires_at),
  };
}

/** The line under a guardian's name in the app's list. */
export function subtexto(guardian: GuardianItem, now: Date): string {
  const status = statusOf(guardian, now);
  if (status === 'pending') {
    const ageHours = Math.trunc((now.getTime() - Date.parse(guardian.created_at)) / 3_600_000);
    const expiresInHours = Math.trunc((Date.parse(guardian.expires_at) - now.getTime()) / 3_600_000);
    if (expiresInHours <= 24) return 'Convite próximo de expirar!';
    if (ageHours <= 1) return 'Convite enviado há pouco tempo';
    if (ageHours <= 24) return `Convite enviado há ${ageHours} horas.`;
    return `Convite enviado há ${Math.trunc(ageHours / 24)} dias.`;
  }
  if (status === 'expired_for_not_use') return `Convite expirou em ${yearMonthDay(guardian.expires_at)}`;
  if (status === 'refused' && guardian.refused_at) return `Convite recusado em ${yearMonthDay(guardian.refused_at)}`;
  return '';
}

const DEFAULT_META = { can_delete: 1, can_edit: 1, can_resend: 0, delete_warning: '', layout: 'pending' };
const GROUPS = [
  {
    status: 'accepted',
    meta: {
      ...DEFAULT_META,
      header: 'Guardiãs',
      description: 'Guardiãs ativas que recebem seus pedidos de socorro.',
      layout: 'accepted',
      delete_warning: 'Caso você apague o guardião, ele não receberá mais seus alertas. Tem certeza que deseja apagar?',
    },
  },
  { status: 'pending', meta: { ...DEFAULT_META, header: 'Pendentes', description: 'Convites que ainda não foram aceitos ou recusados.' } },
  {
    status: 'expired_for_not_use',
    meta: {
      ...DEFAULT_META,
      header: 'Convites expirados',
      description: 'Estes convites não estão mais válidos para uso. Use o botão 🔄 para renviar ou 🗑️ para cancelar o convite definitivamente.',
      can_resend: 1,
      can_edit: 0,
    },
  },
  {
    status: 'refused',
    meta: {
      ...DEFAULT_META,
      header: 'Convites recusados',
      description: 'Os convites recusados ainda podem serem aceitos usando o mesmo link. Use o botão 🗑 para cancelar o convite.',
      delete_warning: 'Após apagar um convite recusado, você não poderá convidar o mesmo número por até 7 dias.',
    },
  },
] as const;

/** `GET /me/guardioes`: the groups (accepted always, the others when not empty), newest invite first in each. */
export async function listGuardians(userId: number, now = new Date()) {
  // Strongly consistent: the app lists right after an invite or a removal.
  const guardians = await guardiansOf(userId, true);
  const shown = guardians
    .filter((g) => !g.deleted_at)
    .sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id)
    .map((g) => ({ guardian: g, status: statusOf(g, now) }));
  const guards = GROUPS.flatMap(({ status, meta }) => {
    const rows = shown.filter((row) => row.status === status);
    if (rows.length === 0 && status !== 'accepted') return [];
    return [
      {
        meta,
        rows: rows.map(({ guardian }) => ({
          id: guardian.id,
          nome: guardian.nome,
          celular: guardian.celular_formatted_as_national,
          subtexto: subtexto(guardian, now),
        })),
      },
    ];
  });
  const invitesMax = maxInvites();
  return { remaing_invites: invitesMax - usedInvites(guardians, now), invites_max: invitesMax, guards };
}

export interface InviteResult {
  title: string;
  message: string;
  data: ReturnType<typeof guardianData>;
  /** Set when a new invite was created: the SMS to send. */
  created?: GuardianItem;
}

const ALREADY_SENT = 'O seu guardião pode aceitar o seu convite utilizando o mesmo link que foi enviado anteriormente.';

/** The condition and update that serialise invite writes on the user item. */
function revisionBump(userId: number, revision: number): TransactItem {
  return {
    Update: {
      Key: userKey(userId),
      UpdateExpression: 'SET guardians_rev = :next',
      ConditionExpression: `attribute_exists(pk) AND ${revision === 0 ? 'attribute_not_exists(guardians_rev)' : 'guardians_rev = :rev'}`,
      ExpressionAttributeValues: { ':next': revision + 1, ...(revision === 0 ? {} : { ':rev': revision }) },
    },
    conflictCode: 'guardians_changed',
  };
}

/**
 * `POST /me/guardioes`: invites `celular` under `nome`, or answers the invite
 * the number already has, or reactivates one she deleted less than a day ago.
 * The caller sends the invite SMS of a `created` result.
 */
export async function inviteGuardian(user: Pick<UserRecord, 'id'>, nome: string, celular: string, now = new Date()): Promise<InviteResult> {
  const phone = parseMobile(celular);
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryInvite(user.id, nome, phone, now);
    } catch (error) {
      if (!(error instanceof AppError && (error.code === 'guardians_changed' || error.code === 'token_taken'))) throw error;
      if (attempt === ATTEMPTS) throw badRequest('already_locked', 'Recurso está em uso, tente novamente');
    }
  }
}

async function tryInvite(userId: number, nome: string, phone: ReturnType<typeof parseMobile>, now: Date): Promise<InviteResult> {
  const [guardians, revisionItem] = await Promise.all([
    guardiansOf(userId, true),
    table.get<{ guardians_rev?: number }>(userKey(userId), { consistent: true, attributes: ['pk', 'guardians_rev'] }),
  ]);
  if (!revisionItem) throw itemNotFound();
  const revision = revisionItem.guardians_rev ?? 0;

  if (maxInvites() - usedInvites(guardians, now) <= 0) {
    throw badRequest('max_invites_reached', 'Vocẽ não pode adicionar mais guardiões. Excluía convites recusados e expirados.');
  }
  const sameNumber = guardians.filter((g) => g.celular_e164 === phone.e164);

  const active = sameNumber.find((g) => ['pending', 'accepted'].includes(statusOf(g, now)));
  if (active) {
    const state = statusOf(active, now) === 'pending' ? `já tem um convite aguardando ativação. ${ALREADY_SENT}` : 'já é um guardião!';
    return { title: 'Número já existe!', message: `O número ${phone.national} ${state}`, data: guardianData(active, now) };
  }

  const weekAgo = now.getTime() - 7 * DAY_MS;
  const recentlyRefused = sameNumber.find((g) => ['refused', 'removed_by_user'].includes(g.status) && g.refused_at && Date.parse(g.refused_at) >= weekAgo);
  if (recentlyRefused) {
    throw badRequest(
      'recent_refused',
      `O número ${phone.national} recusou seu convite em ${dayMonthYear(recentlyRefused.refused_at!)}. Você só poderá convida-lo novamente após 7 dias. ${ALREADY_SENT}`,
      'celular',
    );
  }

  const dayAgo = now.getTime() - DAY_MS;
  const recentlyDeleted = sameNumber.find((g) => g.status === 'removed_by_user' && g.deleted_at && Date.parse(g.deleted_at) >= dayAgo);
  if (recentlyDeleted) {
    await transact([
      {
        Update: {
          Key: guardianKey(userId, recentlyDeleted.id),
          UpdateExpression: 'SET #status = :pending, nome = :nome REMOVE deleted_at',
          ConditionExpression: '#status = :removed AND deleted_at = :deletedAt',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending', ':nome': nome, ':removed': 'removed_by_user', ':deletedAt': recentlyDeleted.deleted_at },
        },
        conflictCode: 'guardians_changed',
      },
      revisionBump(userId, revision),
    ]);
    const reactivated: GuardianItem = { ...recentlyDeleted, status: 'pending', nome, deleted_at: undefined };
    return {
      title: 'Convite reativado',
      message: `O convite para o número ${phone.national} foi reativado! ${ALREADY_SENT}`,
      data: guardianData(reactivated, now),
    };
  }

  // Re-inviting an expired number retires the expired invites (they leave the list and free their slot).
  const expired = sameNumber.filter((g) => !g.deleted_at && statusOf(g, now) === 'expired_for_not_use');
  const id = await nextValue(sequenceKey('guardian'));
  const token = newInviteToken();
  const tokenKey = guardianTokenKey(token);
  const guardian: GuardianItem = {
    ...guardianKey(userId, id),
    id,
    userId,
    status: 'pending',
    celular_e164: phone.e164,
    celular_formatted_as_national: phone.national,
    nome,
    token,
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + INVITE_DAYS * DAY_MS).toISOString(),
    refs: [tokenKey],
  };
  await transact([
    { Put: { Item: guardian, ConditionExpression: 'attribute_not_exists(pk)' } },
    {
      Put: { Item: { ...tokenKey, userId, guardianId: id } satisfies ItemKey & TokenItem, ConditionExpression: 'attribute_not_exists(pk)' },
      conflictCode: 'token_taken',
    },
    ...expired.map(
      (g): TransactItem => ({
        Update: {
          Key: guardianKey(userId, g.id),
          UpdateExpression: 'SET deleted_at = :now, #status = :expired',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(deleted_at)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': now.toISOString(), ':expired': 'expired_for_not_use' },
        },
        conflictCode: 'guardians_changed',
      }),
    ),
    revisionBump(userId, revision),
  ]);
  return {
    title: 'Convite enviado!',
    message: 'Enviamos um SMS com um link para que o guardião aceite o seu convite.',
    data: guardianData(guardian, now),
    created: guardian,
  };
}

/** Undoes a new invite whose SMS could not be queued, so she can simply try again. */
export async function withdrawInvite(guardian: GuardianItem): Promise<void> {
  await transact([
    {
      Delete: {
        Key: guardianKey(guardian.userId, guardian.id),
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      },
    },
    { Delete: { Key: guardianTokenKey(guardian.token) } },
  ]);
}

/** `PUT /me/guardioes/{id}`: renames one of her invites that is not deleted. */
export async function renameGuardian(userId: number, guardianId: number, nome: string, now = new Date()) {
  const updated = await table.update<GuardianItem>(guardianKey(userId, guardianId), 'SET nome = :nome', {
    condition: 'attribute_exists(pk) AND attribute_not_exists(deleted_at)',
    values: { ':nome': nome },
    returning: 'new',
  });
  if (!updated) throw itemNotFound();
  return { message: 'Editado com sucesso!', data: guardianData(updated, now) };
}

/** `DELETE /me/guardioes/{id}`: marks it removed (idempotent); an accepted guardian stops counting at once. */
export async function removeGuardian(userId: number, guardianId: number, now = new Date()): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const guardian = await table.get<GuardianItem>(guardianKey(userId, guardianId), { consistent: attempt > 1 });
    if (!guardian) throw itemNotFound();
    if (guardian.status === 'removed_by_user') return;
    try {
      await transact([
        {
          Update: {
            Key: guardianKey(userId, guardianId),
            UpdateExpression: 'SET #status = :removed, deleted_at = :now',
            ConditionExpression: '#status = :was',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':removed': 'removed_by_user', ':now': now.toISOString(), ':was': guardian.status },
          },
          conflictCode: 'guardian_changed',
        },
        ...(guardian.status === 'accepted' ? [activeCountChange(userId, -1)] : []),
      ]);
      return;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'guardian_changed') || attempt === ATTEMPTS) throw error;
    }
  }
}

function activeCountChange(userId: number, delta: 1 | -1): TransactItem {
  return {
    Update: {
      Key: userKey(userId),
      UpdateExpression: 'ADD qtde_guardioes_ativos :delta',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':delta': delta },
    },
  };
}

// ---- the guardian's side: the invite link ----

export interface LoadedInvite {
  guardian: GuardianItem;
  apelido: string;
}

const LINK_STATUSES: GuardianStatus[] = ['pending', 'accepted', 'refused', 'expired_for_not_use'];

/** The invite a link's token opens; `token_invalid_format`/`token_invalid_hash` (400) or `item_not_found` (404). */
export async function loadInvite(token: string, consistent = false): Promise<LoadedInvite> {
  checkInviteToken(token);
  const ref = await table.get<TokenItem>(guardianTokenKey(token), { consistent });
  if (!ref) throw itemNotFound();
  const [guardian, user] = await batchGet<Record<string, unknown>>([guardianKey(ref.userId, ref.guardianId), userKey(ref.userId)], {
    consistentRead: consistent,
  });
  const invite = guardian as GuardianItem | undefined;
  if (!invite || !user || invite.token !== token || invite.deleted_at || !LINK_STATUSES.includes(invite.status)) throw itemNotFound();
  return { guardian: invite, apelido: String((user as UserRecord).apelido ?? '') };
}

/** What the link's page and JSON show. */
export function publicInvite({ guardian, apelido }: LoadedInvite, now = new Date()) {
  const status = statusOf(guardian, now);
  return {
    guardiao: {
      celular: guardian.celular_formatted_as_national,
      is_accepted: status === 'accepted' ? 1 : 0,
      is_pending: status === 'pending' ? 1 : 0,
      is_expired: status === 'expired_for_not_use' ? 1 : 0,
      nome: guardian.nome,
      refused_at: guardian.refused_at ? dateTime(guardian.refused_at) : null,
      created_at: dateTime(guardian.created_at),
      accepted_at: guardian.accepted_at ? dateTime(guardian.accepted_at) : null,
    },
    cliente: { apelido },
  };
}

/** `POST /web/guardiao`: the guardian accepts or refuses (and may change her mind); an expired invite can do neither. */
export async function answerInvite(token: string, action: string, ip: string, now = new Date()): Promise<LoadedInvite> {
  if (action !== 'accept' && action !== 'refuse') throw badRequest('action_invalid', 'action não reconhecido', 'action');
  for (let attempt = 1; ; attempt++) {
    const invite = await loadInvite(token, attempt > 1);
    const { guardian } = invite;
    const status = statusOf(guardian, now);
    if (status === 'expired_for_not_use') throw badRequest('guard_invite_expired', 'Este convite já expirou!', 'token');
    const target: GuardianStatus = action === 'accept' ? 'accepted' : 'refused';
    if (status === target) return invite;
    const meta = { ...(guardian.accepted_meta ?? {}) };
    const changed: GuardianItem = { ...guardian, status: target };
    if (target === 'accepted') {
      meta.ip = ip;
      if (guardian.refused_at) meta.old_refused_at = guardian.refused_at;
      changed.accepted_at = now.toISOString();
      delete changed.refused_at;
    } else {
      meta.refused_ip = ip;
      if (guardian.accepted_at) meta.old_accepted_at = guardian.accepted_at;
      changed.refused_at = now.toISOString();
      delete changed.accepted_at;
    }
    changed.accepted_meta = meta;
    const delta = target === 'accepted' ? 1 : status === 'accepted' ? -1 : 0;
    try {
      await transact([
        {
          Put: {
            Item: changed,
            // Still as read: same status, not deleted, and (pending) not expired in between.
            ConditionExpression: `#status = :was AND attribute_not_exists(deleted_at)${guardian.status === 'pending' ? ' AND expires_at > :now' : ''}`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':was': guardian.status, ...(guardian.status === 'pending' ? { ':now': now.toISOString() } : {}) },
          },
          conflictCode: 'guardian_changed',
        },
        ...(delta === 0 ? [] : [activeCountChange(guardian.userId, delta)]),
      ]);
      return { ...invite, guardian: changed };
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'guardian_changed') || attempt === ATTEMPTS) throw error;
    }
  }
}

/** Her accepted guardians' ids and numbers: who a panic alert goes to (strongly consistent: one who just accepted is alerted). */
export async function acceptedGuardians(userId: number): Promise<Pick<GuardianItem, 'id' | 'celular_e164'>[]> {
  const byKey = keyQuery({ pk: ownerPartition(userId), sk: { beginsWith: GUARDIAN_PREFIX } });
  return queryAll<Pick<GuardianItem, 'id' | 'celular_e164'>>({
    ...byKey,
    ConsistentRead: true,
    FilterExpression: '#status = :accepted AND attribute_not_exists(deleted_at)',
    ProjectionExpression: 'id, celular_e164',
    ExpressionAttributeNames: { ...byKey.ExpressionAttributeNames, '#status': 'status' },
    ExpressionAttributeValues: { ...byKey.ExpressionAttributeValues, ':accepted': 'accepted' },
  });
}

/** A guardian id from the path: a positive integer, else none (answered as not found, as any id not hers). */
export function guardianIdOf(raw: string): number | undefined {
  if (!/^\d{1,15}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id > 0 ? id : undefined;
}
