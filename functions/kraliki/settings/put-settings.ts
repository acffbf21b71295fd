/** PUT /api/settings. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { admin } from '../auth/authenticators.ts';
import { toE164 } from './phone-numbers.ts';
import { putSettingsRoute } from './put-settings.route.ts';
import { updateSettings } from './settings.ts';

const normalized = (numbers: string[] | undefined) => numbers?.map((number) => toE164(number) as string);

export const handler = httpRoute(putSettingsRoute, admin, async ({ body, caller }) =>
  json(await updateSettings(caller.organizationId, { ...body, phone_numbers: normalized(body.phone_numbers), caller_ids: normalized(body.caller_ids) })),
);
