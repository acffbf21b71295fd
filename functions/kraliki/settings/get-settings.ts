/** GET /api/settings. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { member } from '../auth/authenticators.ts';
import { getSettingsRoute } from './settings.route.ts';
import { getSettings } from './settings.ts';

export const handler = httpRoute(getSettingsRoute, member, async ({ caller }) => json(await getSettings(caller.organizationId)));
