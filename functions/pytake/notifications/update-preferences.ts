/** PUT /api/v1/notifications/preferences: fields left out or null stay as they are (the original's `exclude_unset`). */
import { httpRoute } from '#shared/http/route';
import { json } from '#shared/http/responses';
import { tenantUser } from '../auth/access.ts';
import { updatePreferencesRoute } from './notifications.route.ts';
import { type PreferenceFields, preferencesView, updatePreferences } from './preferences.ts';

export const handler = httpRoute(updatePreferencesRoute, tenantUser, async ({ body, caller }) => {
  // Quiet-hour times may be cleared with null; other nulls change nothing.
  const clearable = new Set(['quiet_hours_start', 'quiet_hours_end']);
  const changes = Object.fromEntries(Object.entries(body).filter(([name, value]) => value !== undefined && (value !== null || clearable.has(name))));
  return json(preferencesView(await updatePreferences(caller.organizationId, caller.userId, changes as Partial<PreferenceFields>)));
});
