/** POST /admin/badges/{badge_id}/assign: gives or takes a badge. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { publicBaseUrl } from '../timeline/links.ts';
import { admin } from './admin-auth.ts';
import { assignBadge } from './badge-assignments.ts';
import { assignBadgeRoute } from './badges.route.ts';

export const handler = httpRoute(assignBadgeRoute, admin, async ({ params, body, caller, event }) =>
  json(await assignBadge(caller, Number(params.badge_id), body.identifiers, body.action, publicBaseUrl(event.requestContext.domainName))),
);
