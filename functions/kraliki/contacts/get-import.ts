/** GET /api/contacts/bulk-import/{job_id}. */
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { getImportRoute } from './contacts.route.ts';
import { getImportJob, importJobView } from './import.ts';

export const handler = httpRoute(getImportRoute, supervisor, async ({ params, caller }) =>
  json(importJobView(await getImportJob(caller.organizationId, params.job_id))),
);
