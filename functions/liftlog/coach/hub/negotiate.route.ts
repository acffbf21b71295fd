/**
 * `POST /ai-chat-v2/negotiate` and `POST /ai-chat/negotiate`: the SignalR
 * client's first request, one function per hub.
 */
import * as z from 'zod/mini';
import { failure, ok } from '#shared/http/contract';
import { liftlogRoute } from '../../contract.ts';
import { secrets } from '../../resources.ts';

const negotiation = z.object({
  negotiateVersion: z.number(),
  connectionId: z.string(),
  connectionToken: z.string(),
  availableTransports: z.array(z.object({ transport: z.literal('WebSockets'), transferFormats: z.array(z.literal('Text')) })),
});

const negotiate = (path: string) =>
  liftlogRoute({
    method: 'POST',
    path,
    auth: 'pro-token',
    handler: 'functions/liftlog/coach/hub/negotiate.ts',
    access: { table: 'none', secrets: [secrets.coach] },
    summary: 'SignalR negotiation: offers a pro user the WebSockets transport (the connection is authenticated again on connect)',
    request: { query: z.object({ negotiateVersion: z.optional(z.string()) }) },
    responses: { 200: ok('The negotiation', negotiation), 401: failure('No valid pro token') },
  });

export const negotiateV2Route = negotiate('/ai-chat-v2/negotiate');
export const negotiateV1Route = negotiate('/ai-chat/negotiate');
