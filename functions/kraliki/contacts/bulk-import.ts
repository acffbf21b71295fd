/** POST /api/contacts/bulk-import?campaign_id=: a CSV of contacts, multipart field `file`. */
import '#shared/http/multipart';
import { json } from '#shared/http/responses';
import { httpRoute } from '#shared/http/route';
import { supervisor } from '../auth/authenticators.ts';
import { bulkImportRoute } from './contacts.route.ts';
import { importCsv } from './import.ts';

export const handler = httpRoute(bulkImportRoute, supervisor, async ({ query, body, caller }) => {
  const result = await importCsv(caller, query.campaign_id, body.file.content);
  return 'done' in result ? json(result.done) : json(result.queued, 202);
});
