/** Recording events seen by the admins: freeing one whose access is blocked. */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { penhasRoute } from '../contract.ts';
import { adminFailures, numericId, staffObject } from './admin-params.ts';

export const freeAudioAccessRoute = penhasRoute({
  method: 'POST',
  path: '/admin/users/{cliente_id}/audios/{event_id}/free-access',
  auth: 'jwt',
  handler: 'functions/penhas/admin/free-audio-access.ts',
  summary:
    'Frees her recording event (`free_access_by_admin`): she may download it again and sees the access granted, until 40 days after it was recorded. Audited',
  request: { params: z.object({ cliente_id: numericId(), event_id: z.string().check(z.minLength(1), z.maxLength(64)) }) },
  responses: {
    200: ok('Freed (or already free by an admin)', z.object({ ok: z.literal(1) })),
    400: failure('form_error (cliente_id, event_id)'),
    404: failure('No such event of hers, deleted by her, or its recordings already deleted (item_not_found)'),
    ...adminFailures,
  },
  objectIds: [staffObject('audio event', 'path', 'cliente_id'), staffObject('audio event', 'path', 'event_id')],
});
