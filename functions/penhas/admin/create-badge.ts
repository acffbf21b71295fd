/** POST /admin/badges: a new kind of badge. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from './admin-auth.ts';
import { createBadgeKind } from './badge-assignments.ts';
import { createBadgeRoute } from './badges.route.ts';

export const handler = httpRoute(createBadgeRoute, admin, async ({ body, caller }) =>
  json(await createBadgeKind(caller, { ...body, linked_cep_cidade: body.linked_cep_cidade ?? null }), 201),
);
