/** POST /admin/logout: the token's session ends (audited). */
import { empty } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { adminLogoutRoute } from './admin.route.ts';
import { endAdminSession } from './admins.ts';
import { auditEntry, recordAudit } from './audit.ts';

export const handler = httpRoute(adminLogoutRoute, admin, async ({ caller }) => {
  if (caller.sessionId) await endAdminSession(caller.sessionId);
  await recordAudit(auditEntry(caller, 'admin.logout', { type: 'admin', id: caller.adminId }));
  return empty(204);
});
