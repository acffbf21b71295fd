/**
 * What travels over the coach's hubs, for their AsyncAPI document: the ASP.NET
 * SignalR JSON protocol as the app speaks it (signalr.ts reads and writes it;
 * ai-chat-v2.ts and ai-chat.ts answer the invocations). Every record is one
 * of these JSON objects followed by the record separator 0x1E; one WebSocket
 * message may carry several.
 */
import * as z from 'zod/mini';
import type { WebSocketProtocol } from '#shared/manifest';

const ping = { summary: 'Keep-alive, both ways', schema: z.object({ type: z.literal(6) }) };

const receiveMessage = z.object({
  type: z.literal(1),
  target: z.literal('ReceiveMessage'),
  arguments: z.tuple([
    z.union([
      z.object({ type: z.literal('messageResponse'), message: z.string() }),
      z.looseObject({ type: z.literal('chatPlan'), name: z.string(), description: z.string(), version: z.number() }),
      z.object({ type: z.literal('updateRequired'), requiredVersion: z.number() }),
    ]),
  ]),
});

function hubProtocol(summary: string, invocations: Record<string, string>): WebSocketProtocol {
  return {
    summary,
    receives: {
      Handshake: { summary: 'The first record: the protocol the client speaks', schema: z.object({ protocol: z.literal('json'), version: z.literal(1) }) },
      Invocation: {
        summary: `A hub method call: ${Object.entries(invocations)
          .map(([name, args]) => `${name}(${args})`)
          .join(', ')}`,
        schema: z.object({
          type: z.literal(1),
          invocationId: z.optional(z.string()),
          target: z.enum(Object.keys(invocations) as [string, ...string[]]),
          arguments: z.array(z.unknown()),
        }),
      },
      ClientPing: ping,
      ClientClose: { summary: 'The client leaves', schema: z.object({ type: z.literal(7) }) },
    },
    sends: {
      HandshakeResponse: { summary: '`{}` when accepted, else the reason', schema: z.object({ error: z.optional(z.string()) }) },
      ReceiveMessage: {
        summary: "The assistant's answer so far (the whole text on every update), a plan as it streams, or a request to update the app",
        schema: receiveMessage,
      },
      Completion: {
        summary: 'The end of an invocation, with an error when it failed',
        schema: z.object({ type: z.literal(3), invocationId: z.string(), error: z.optional(z.string()) }),
      },
      ServerPing: ping,
      ServerClose: {
        summary: 'The server ends the connection (a protocol error)',
        schema: z.object({ type: z.literal(7), error: z.optional(z.string()), allowReconnect: z.optional(z.boolean()) }),
      },
    },
  };
}

export const aiChatV2Protocol = hubProtocol('The AI plan coach of the current app (SignalR JSON protocol).', {
  Introduce: 'locale, clientAiPlanVersion, preferredWeightUnit',
  SendMessage: 'message, clientAiPlanVersion',
  RestartChat: '',
  StopInProgress: '',
});

export const aiChatProtocol = hubProtocol('The AI plan coach of older apps (SignalR JSON protocol).', {
  Introduce: 'locale',
  SendMessage: 'message',
  RestartChat: '',
  StopInProgress: '',
});
