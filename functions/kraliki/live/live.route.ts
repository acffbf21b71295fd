/**
 * The `live` WebSocket API: routes (one function each) and its frames, for
 * the AsyncAPI document. Clients send `{"action": …}`; the service sends
 * `{"event": …, "data": {…}, "id", "at"}`.
 */
import * as z from 'zod/mini';
import type { WebSocketApi, WebSocketProtocol, WebSocketRoute } from '#shared/manifest';
import { commonProtocol, publishedEvent } from '#shared/ws/live-actions';
import { type KralikiResources, queues, secrets, websocketApis } from '../resources.ts';

const callStatus = z.object({
  call_id: z.string(),
  status: z.string(),
  direction: z.string(),
  agent_id: z.nullable(z.string()),
  duration: z.nullable(z.number()),
});

const protocol: WebSocketProtocol = {
  summary:
    "An organization's live call center events. Connect with the access token (`Authorization: Bearer <JWT>`, or `?token=<JWT>` from a browser); attempts are limited per address. Supervisors and admins receive every call's events, an agent only her own calls'; agent status changes reach everyone of the organization, import progress and queue sizes its supervisors and admins.",
  receives: { ...commonProtocol.receives },
  sends: {
    ...commonProtocol.sends,
    'call:status': { summary: 'A call’s status moved (Twilio’s callback, or ended through the API)', schema: publishedEvent('call:status', callStatus) },
    'transcript:line': {
      summary: 'A transcript of a call arrived',
      schema: publishedEvent(
        'transcript:line',
        z.object({ call_id: z.string(), transcript_id: z.string(), text: z.string(), agent_id: z.nullable(z.string()) }),
      ),
    },
    'agent:status': {
      summary: 'An agent’s status changed',
      schema: publishedEvent('agent:status', z.object({ agent_id: z.string(), agent_user_id: z.string(), status: z.string() })),
    },
    'import:progress': {
      summary: 'A queued contacts import counted another slice, or ended (the GET /api/contacts/bulk-import/{job_id} view)',
      schema: publishedEvent('import:progress', z.looseObject({ job_id: z.string(), status: z.string() })),
    },
    'queue:size': {
      summary: 'The number of calls waiting in one of the organization’s queues changed (the GET /api/supervisor/queues view of that queue)',
      schema: publishedEvent('queue:size', z.object({ queue: z.string(), size: z.number() })),
    },
    'notification:new': {
      summary: 'A notification for the connected user',
      schema: publishedEvent('notification:new', z.looseObject({ user_id: z.string() })),
    },
  },
};

const action = (handler: string): WebSocketRoute<KralikiResources> => ({
  handler: `functions/kraliki/live/${handler}.ts`,
  returnsResponse: true,
  access: { table: 'none' },
});

export const liveRoutes = {
  $connect: { handler: 'functions/kraliki/live/connect.ts', auth: 'jwt', access: { secrets: [secrets.auth] } } as WebSocketRoute<KralikiResources> & {
    auth: 'jwt';
  },
  $disconnect: { handler: 'functions/kraliki/live/disconnect.ts' },
  ping: action('ping'),
  $default: action('unknown-action'),
} satisfies Record<string, WebSocketRoute<KralikiResources>>;

export const liveApi: WebSocketApi<KralikiResources> = {
  name: websocketApis.live,
  path: '/ws',
  routeSelectionExpression: '$request.body.action',
  routes: liveRoutes,
  protocol,
};

/** The consumer posts to the API's connections and forgets gone ones. */
export const liveEventsQueue = {
  name: queues.liveEvents,
  consumer: { handler: 'functions/kraliki/live/deliver-events.ts', timeoutSeconds: 30, access: { postsTo: [websocketApis.live] } },
  batchSize: 10,
  // A job is retried only when its audience could not be listed: posts that fail are not retried (tenant-connections.ts).
  maxReceiveCount: 3,
};
