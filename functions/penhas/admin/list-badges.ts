/** GET /admin/badges: the kinds of badge. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { listBadges } from '../badges/badges.ts';
import { admin } from './admin-auth.ts';
import { listBadgesRoute } from './badges.route.ts';

export const handler = httpRoute(listBadgesRoute, admin, async () => json({ rows: await listBadges() }));
