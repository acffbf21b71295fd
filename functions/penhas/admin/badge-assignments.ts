/**
 * Badges for the admins, over the badges feature: creating a kind, and giving
 * or taking a badge from a list of women (ids or e-mails, as the original's
 * form took them). Each change to a woman is audited on its own; the answer
 * sums them up as the original's page did.
 */
import * as table from '#shared/db/table';
import { AppError } from '#shared/errors';
import { findUser } from '../accounts/users.ts';
import { type AddResult, addBadge, type BadgeKind, createBadge, findBadge, type NewBadge, removeBadge } from '../badges/badges.ts';
import { formError } from '../errors.ts';
import { emailKey } from '../keys.ts';
import type { AdminCaller } from './admin-auth.ts';
import { auditEntry, auditPut, recordAudit } from './audit.ts';

export async function createBadgeKind(caller: AdminCaller, fields: NewBadge): Promise<BadgeKind> {
  try {
    return await createBadge(fields, (badge) => [auditPut(auditEntry(caller, 'badge.create', { type: 'badge', id: badge.id }, { code: badge.code }))]);
  } catch (error) {
    if (error instanceof AppError && error.code === 'badge_code_exists') throw formError('code', 'duplicate', 'Já existe um selo com este código.');
    throw error;
  }
}

/** A line of the list: an id, or an e-mail (other lines are ignored, as the original did). */
async function userIdOf(identifier: string): Promise<number | undefined> {
  if (/^\d+$/.test(identifier)) return Number(identifier);
  return (await table.get<{ userId: number }>(emailKey(identifier)))?.userId;
}

export interface AssignSummary {
  added: number;
  emailed: number;
  removed: number;
  kept: number;
  not_found: number;
  not_eligible: number;
  message: string;
}

/** Gives (`add`) or takes (`remove`) the badge for each woman listed. */
export async function assignBadge(
  caller: AdminCaller,
  badgeId: number,
  identifiers: string[],
  action: 'add' | 'remove',
  baseUrl: string,
): Promise<AssignSummary> {
  const badge = await findBadge(badgeId);
  if (!badge) throw formError('badge_id', 'not_found', 'Badge não encontrado');
  const summary = { added: 0, emailed: 0, removed: 0, kept: 0, not_found: 0, not_eligible: 0 };
  const seen = new Set<number>();
  const lines = identifiers.map((i) => i.trim().toLowerCase()).filter((i) => /^\d+$/.test(i) || i.includes('@'));
  for (const identifier of lines) {
    const userId = await userIdOf(identifier);
    // Listed twice (by id and by e-mail, say): once is enough.
    if (userId !== undefined && seen.has(userId)) continue;
    const user = userId === undefined ? undefined : await findUser(userId);
    if (!user) {
      summary.not_found++;
      continue;
    }
    seen.add(user.id);
    const result: AddResult | 'removed' | 'no_action_needed' =
      action === 'add' ? await addBadge(user, badge, caller.adminId, baseUrl) : await removeBadge(user.id, badge.id);
    if (result === 'added_directly') summary.added++;
    else if (result === 'email_sent') summary.emailed++;
    else if (result === 'removed') summary.removed++;
    else if (result === 'not_eligible') summary.not_eligible++;
    else summary.kept++;
    if (result === 'added_directly' || result === 'email_sent' || result === 'removed') {
      await recordAudit(
        auditEntry(
          caller,
          `badge.${result === 'removed' ? 'remove' : result === 'email_sent' ? 'invite' : 'add'}`,
          { type: 'cliente', id: user.id },
          { badge_id: badge.id },
        ),
      );
    }
  }
  return { ...summary, message: summaryMessage(summary) };
}

/** The original's summary line. */
function summaryMessage(s: Omit<AssignSummary, 'message'>): string {
  const parts = [
    s.added && `${s.added} adicionados`,
    s.removed && `${s.removed} removidos`,
    s.emailed && `${s.emailed} convites enviados`,
    s.kept + s.not_eligible && `${s.kept + s.not_eligible} mantidos/ignorados`,
    s.not_found && `${s.not_found} usuários não encontrados`,
  ].filter(Boolean);
  return parts.length ? `Processamento concluído: ${parts.join(', ')}.` : 'Nenhuma ação realizada.';
}
