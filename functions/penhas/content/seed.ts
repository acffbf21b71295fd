/**
 * The PenhaS content seed (manifest `seed`): writes every content module into
 * the table, and the first admin account from settings (admin/first-admin.ts).
 * The local runtime runs it at start; on AWS the stack runs it on each deploy
 * that changes it (its bundle holds the content).
 */
import { logger } from '#shared/observability/logger';
import { seedHandler } from '#shared/seed';
import { backfillActiveAccounts } from '../accounts/active-accounts-backfill.ts';
import { ensureFirstAdmin } from '../admin/first-admin.ts';
import { contentModules } from './modules.ts';
import { seedModules } from './seed-content.ts';

export const handler = seedHandler(async () => {
  const summary = await seedModules(contentModules);
  const firstAdmin = await ensureFirstAdmin();
  // Accounts older than the active-accounts index; once (a marker records it).
  const activeAccountsIndexed = await backfillActiveAccounts();
  logger.info('content seeded', { ...summary, firstAdmin, activeAccountsIndexed });
  return { ...summary, firstAdmin, activeAccountsIndexed };
});
