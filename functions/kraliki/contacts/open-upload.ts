/** POST /api/contacts/bulk-import/uploads?campaign_id=: a presigned upload for a CSV too large for a request. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { openUploadRoute } from './contacts.route.ts';
import { openUpload } from './import.ts';

export const handler = httpRoute(openUploadRoute, supervisor, async ({ query, caller }) => json(await openUpload(caller, query.campaign_id), 201));
