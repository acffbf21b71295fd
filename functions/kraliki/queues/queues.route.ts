/** GET /api/supervisor/queues: calls waiting in each of the organization's queues (SUPERVISOR or ADMIN). */
import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { kralikiRoute, signedIn } from '../contract.ts';

export const queueSizesRoute = kralikiRoute({
  method: 'GET',
  path: '/api/supervisor/queues',
  auth: 'jwt',
  handler: 'functions/kraliki/queues/list-queues.ts',
  access: { table: 'read', secrets: ['auth'] },
  summary: 'Calls waiting in each of the organization’s Twilio queues (every queue a call was ever counted into, 0 once emptied), by name',
  request: {},
  responses: {
    200: ok('The queues', z.object({ queues: z.array(z.object({ queue: z.string(), size: z.number() })), total_waiting: z.number() })),
    ...signedIn('SUPERVISOR or ADMIN'),
  },
});
