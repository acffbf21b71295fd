/**
 * The notices the original e-mailed when an account's deletion was scheduled
 * and when it was reactivated: who asked, from which app and address, so a
 * request she did not make is noticed in time. A notice that cannot be
 * enqueued is logged, not answered as a failure: the account's state has
 * already changed.
 */
import { errorFacts, logger } from '#shared/observability/logger';
import { queueEmail } from '../messaging/email-jobs.ts';
import type { UserRecord } from './users.ts';

export interface NoticeContext {
  appVersion: string;
  ip: string;
}

const deletionText = (user: UserRecord, context: NoticeContext) =>
  [
    `Olá, ${user.nome_completo}.`,
    '',
    `Recebemos um pedido de remoção da sua conta no PenhaS, feito pelo aplicativo (${context.appVersion}) a partir do endereço IP ${context.ip}.`,
    'O seu perfil foi desativado e, após 30 dias, os seus dados serão completamente excluídos.',
    '',
    'Caso entre novamente no aplicativo antes deste período, você ainda poderá reativar o perfil.',
    'Se não foi você quem fez este pedido, entre no aplicativo e reative o perfil.',
    '',
    'Equipe PenhaS',
  ].join('\n');

const reactivationText = (user: UserRecord, context: NoticeContext) =>
  [
    `Olá, ${user.nome_completo}.`,
    '',
    `A sua conta no PenhaS foi reativada pelo aplicativo (${context.appVersion}) a partir do endereço IP ${context.ip}.`,
    'A remoção que estava agendada foi cancelada.',
    '',
    'Equipe PenhaS',
  ].join('\n');

async function notify(user: UserRecord, template: string, subject: string, text: string): Promise<void> {
  try {
    await queueEmail({ to: user.email, subject, text, template });
  } catch (error) {
    logger.error('could not enqueue an account notice', { userId: user.id, template, ...errorFacts(error) });
  }
}

export const noticeDeletionScheduled = (user: UserRecord, context: NoticeContext) =>
  notify(user, 'account_deletion', 'PenhaS - Remoção de conta', deletionText(user, context));

export const noticeReactivated = (user: UserRecord, context: NoticeContext) =>
  notify(user, 'account_reactivate', 'PenhaS - Reativação de conta', reactivationText(user, context));
