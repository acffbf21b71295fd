/** POST /api/contacts/bulk-import/{job_id}/start: imports the uploaded CSV through the queue. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { startUploadRoute } from './contacts.route.ts';
import { startUploadedImport } from './import.ts';

export const handler = httpRoute(startUploadRoute, supervisor, async ({ params, caller }) => json(await startUploadedImport(caller, params.job_id), 202));
