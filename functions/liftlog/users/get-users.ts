/**
 * POST /users: the public profiles of up to 200 users at once; unknown ids are left out. No auth.
 * Repeated ids are answered once, and the answer stays within 5 MB (Lambda answers at most 6):
 * users in the order asked, each with its picture while it fits, later ones with
 * `encryptedProfilePicture: null` (users.ts `viewsOf`).
 */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { getUsersRoute } from './get-users.route.ts';
import { viewsOf } from './users.ts';

export const handler = httpRoute(getUsersRoute, async ({ body }) => json({ users: await viewsOf(body.ids) }));
