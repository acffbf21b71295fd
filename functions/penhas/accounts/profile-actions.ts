/**
 * What a user does about another's profile: report it (`POST /report-profile`)
 * or block it (`POST /block-profile`, `remove=1` unblocks). The other profile
 * must be an active account other than hers; the answers are the original's.
 *
 * A report is kept in the reporter's partition and indexed by the reported
 * profile (gsi1), for moderation. A block is one item per blocked profile in
 * the blocker's partition, indexed by the blocked one; blocking twice is no
 * error and writes nothing new. Both go with either account when it is deleted.
 * When EMAIL_TWEET_REPORTADO names a moderation address, each report is
 * e-mailed there too.
 */
import * as z from 'zod/mini';
import { loadConfig } from '#shared/config';
import * as table from '#shared/db/table';
import { nextValue } from '#shared/db/counters';
import { putIfAbsent } from '#shared/db/conditions';
import { errorFacts, logger } from '#shared/observability/logger';
import { queueEmail } from '../messaging/email-jobs.ts';
import { badRequest } from '../errors.ts';
import { blockedIndexKeys, blockKey, reportedIndexKeys, reportKey, sequenceKey } from '../keys.ts';
import { findUser, isActive, type UserRecord } from './users.ts';

async function otherActiveProfile(id: number, notFoundMessage: string): Promise<UserRecord> {
  const other = await findUser(id);
  if (!other || !isActive(other)) throw badRequest('cliente_id_not_found', notFoundMessage);
  return other;
}

export async function reportProfile(user: UserRecord, clienteId: number, reason: string, now = new Date()): Promise<{ id: number }> {
  if (clienteId === user.id) throw badRequest('cliente_id_invalid', 'Não é possível denunciar o seu próprio perfil.');
  const reported = await otherActiveProfile(clienteId, 'Não foi possível encontrar o usuário.');
  const id = await nextValue(sequenceKey('profile-report'));
  await table.put({
    ...reportKey(user.id, id),
    ...reportedIndexKeys(clienteId, now, id),
    id,
    cliente_id: user.id,
    reported_cliente_id: clienteId,
    reason,
    created_at: now.toISOString(),
  });
  logger.info('profile reported', { reportId: id, reportedId: clienteId });
  await tellModerators(reported, id, reason);
  return { id };
}

const moderationConfig = z.object({ EMAIL_TWEET_REPORTADO: z.optional(z.string()) });

async function tellModerators(reported: UserRecord, reportId: number, reason: string): Promise<void> {
  const to = loadConfig(moderationConfig).EMAIL_TWEET_REPORTADO;
  if (!to) return;
  const text = [
    'Uma usuária foi reportada no PenhaS.',
    '',
    `Usuária: ${reported.nome_completo} (id ${reported.id})`,
    `Denúncia: ${reportId}`,
    `Motivo: ${reason}`,
  ].join('\n');
  try {
    await queueEmail({ to, subject: 'PenhaS - Usuária reportada', text, template: 'cliente_reportado' });
  } catch (error) {
    logger.error('could not enqueue a report notice', { reportId, ...errorFacts(error) });
  }
}

export async function blockProfile(user: UserRecord, clienteId: number, now = new Date()): Promise<void> {
  await otherActiveProfile(clienteId, 'Não foi possível encontrar a usuária.');
  if (clienteId === user.id) throw badRequest('cliente_id_invalid', 'Não é possível bloquear o seu próprio perfil.');
  await putIfAbsent({
    ...blockKey(user.id, clienteId),
    ...blockedIndexKeys(user.id, clienteId),
    cliente_id: user.id,
    block_cliente_id: clienteId,
    created_at: now.toISOString(),
  });
}

/** Any existing profile may be unblocked, active or not, so no block outlives the reason for it. */
export async function unblockProfile(user: UserRecord, clienteId: number): Promise<void> {
  if (!(await findUser(clienteId))) throw badRequest('cliente_id_not_found', 'Não foi possível encontrar a usuária.');
  await table.delete(blockKey(user.id, clienteId));
}
