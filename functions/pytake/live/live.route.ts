/**
 * The `live` WebSocket API: routes (one function each) and its frames, for
 * the AsyncAPI document. Clients send `{"action": …}`; the service sends
 * `{"event": …, "data": {…}}`, published events also with `id` and `at`.
 */
import * as z from 'zod/mini';
import type { WebSocketApi, WebSocketProtocol, WebSocketRoute } from '#shared/manifest';
import { commonProtocol, publishedEvent } from '#shared/ws/live-actions';
import { type PytakeResources, queues, secrets, websocketApis } from '../resources.ts';

const room = z.string().check(z.regex(/^conversation:[0-9a-f-]{36}$/, 'A room is conversation:<id>'));
export const roomFrame = <A extends 'join_room' | 'leave_room'>(action: A) => z.object({ action: z.literal(action), room });

/** Events carry the conversation and what changed; `user_id` names the only user one was sent to. */
const inboxEventData = z.looseObject({ conversation_id: z.optional(z.string()), user_id: z.optional(z.string()) });

const protocol: WebSocketProtocol = {
  summary:
    "An organization's live inbox events. Connect with the access token (`Authorization: Bearer <JWT>`, or `?token=<JWT>` from a browser); attempts are limited per address. Every connection receives its organization's events; `message:status` goes to the `conversation:<id>` room, and an event naming a user only to that user's connections.",
  receives: {
    join_room: { summary: 'Watch a conversation of the organization: `room:joined`, or `error` when it is not one', schema: roomFrame('join_room') },
    leave_room: { summary: 'Stop watching: `room:left`, or `error` when not in the room', schema: roomFrame('leave_room') },
    ...commonProtocol.receives,
  },
  sends: {
    'room:joined': {
      summary: 'The room was joined',
      schema: z.object({ event: z.literal('room:joined'), data: z.object({ room, status: z.literal('joined') }) }),
    },
    'room:left': { summary: 'The room was left', schema: z.object({ event: z.literal('room:left'), data: z.object({ room, status: z.literal('left') }) }) },
    ...commonProtocol.sends,
    'message:new': { summary: 'A message was stored in a conversation (inbound, or sent by an agent)', schema: publishedEvent('message:new', inboxEventData) },
    'message:status': {
      summary: 'An outbound message’s status moved (sent, delivered, read, failed)',
      schema: publishedEvent('message:status', inboxEventData),
    },
    'conversation:assigned': { summary: 'A conversation was given to an agent', schema: publishedEvent('conversation:assigned', inboxEventData) },
    'conversation:queued': { summary: 'A conversation waits in a queue', schema: publishedEvent('conversation:queued', inboxEventData) },
    'sla:warning': { summary: 'A waiting conversation nears or passes its queue’s SLA', schema: publishedEvent('sla:warning', inboxEventData) },
    'notification:new': { summary: 'A notification for the connected user', schema: publishedEvent('notification:new', inboxEventData) },
  },
};

const action = (handler: string, extra: Partial<WebSocketRoute<PytakeResources>> = {}): WebSocketRoute<PytakeResources> => ({
  handler: `functions/pytake/live/${handler}.ts`,
  returnsResponse: true,
  ...extra,
});

const roomIds = [{ object: 'conversation', from: 'message', field: 'room', owner: 'tenant' }] as const;

export const liveRoutes = {
  $connect: { handler: 'functions/pytake/live/connect.ts', auth: 'jwt', access: { secrets: [secrets.jwt] } } as WebSocketRoute<PytakeResources> & {
    auth: 'jwt';
  },
  $disconnect: { handler: 'functions/pytake/live/disconnect.ts' },
  join_room: action('join-room', { objectIds: [...roomIds] }),
  leave_room: action('leave-room', { objectIds: [...roomIds] }),
  ping: action('ping', { access: { table: 'none' } }),
  $default: action('unknown-action', { access: { table: 'none' } }),
} satisfies Record<string, WebSocketRoute<PytakeResources>>;

export const liveApi: WebSocketApi<PytakeResources> = {
  name: websocketApis.live,
  path: '/ws',
  routeSelectionExpression: '$request.body.action',
  routes: liveRoutes,
  protocol,
};

/** The consumer posts to the API's connections and forgets gone ones. */
export const liveEventsQueue = {
  name: queues.liveEvents,
  consumer: { handler: 'functions/pytake/live/deliver-events.ts', timeoutSeconds: 30, access: { postsTo: [websocketApis.live] } },
  batchSize: 10,
  // A job is retried only when its audience could not be listed: posts that fail are not retried (tenant-connections.ts).
  maxReceiveCount: 3,
};
