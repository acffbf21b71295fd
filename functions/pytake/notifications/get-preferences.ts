/** GET /api/v1/notifications/preferences. */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { getPreferencesRoute } from './notifications.route.ts';
import { getPreferences, preferencesView } from './preferences.ts';

export const handler = httpRoute(getPreferencesRoute, tenantUser, async ({ caller }) =>
  json(preferencesView(await getPreferences(caller.organizationId, caller.userId))),
);
