/** POST /admin/login: an admin's token, 3 attempts a minute per address; each sign-in is audited. */
import { countRequest } from '#shared/db/counters';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { tooManyRequests } from '../errors.ts';
import { rateKey } from '../keys.ts';
import { adminLoginRoute } from './admin.route.ts';
import { issueAdminToken, TOKEN_SECONDS, verifyAdminLogin } from './admins.ts';
import { auditEntry, recordAudit } from './audit.ts';

export const handler = httpRoute(adminLoginRoute, async ({ body, event }) => {
  const ip = event.requestContext.http.sourceIp;
  // The original's limiter: 3 a minute per address, its IPv6 cut to the prefix.
  await countRequest({ limit: 3, windowSeconds: 60, counterKey: (start) => rateKey('admin-login', ip.slice(0, 18), start), refuse: tooManyRequests });
  const admin = await verifyAdminLogin(body.email, body.senha);
  await recordAudit(auditEntry({ adminId: admin.id, email: admin.email, name: admin.name }, 'admin.login', { type: 'admin', id: admin.id }, { ip }));
  return json({ ok: 1, name: admin.name, token: await issueAdminToken(admin), expires_in: TOKEN_SECONDS });
});
