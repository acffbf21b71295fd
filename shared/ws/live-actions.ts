/**
 * The client side of a live events API: JSON frames `{"action": "<name>", ...}`
 * routed by `$request.body.action` to one function each, answered on the same
 * connection (two-way routes) with `{"event": "<name>", "data": {...}}`. A
 * frame that is not JSON, names no known action or fails its schema, and an
 * action refused (a room of another organization), are answered with an
 * `error` event, never a gateway error: the client reads why and the
 * connection stays open.
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import type { WebSocketProtocol } from '../manifest.ts';
import { AppError } from '../errors.ts';
import { observed } from '../observability/invocation.ts';
import { logger } from '../observability/logger.ts';

export interface ActionResult {
  statusCode: number;
  body: string;
}

/** A server frame as the client reads it. */
export const eventFrame = (event: string, data: Record<string, unknown>): string => JSON.stringify({ event, data });

/** The `error` event: what was wrong, with a stable code. */
export const errorFrame = (code: string, message: string): string => eventFrame('error', { code, message });

const answer = (body: string): ActionResult => ({ statusCode: 200, body });

/**
 * A two-way action route: the frame is parsed against `schema`, `run` answers
 * the event to send back. AppErrors of the client's making become `error`
 * events; anything else is a bug and fails the invocation.
 */
export function liveAction<T>(schema: z.core.$ZodType<T>, run: (connectionId: string, frame: T) => Promise<string>) {
  return observed(async (event: APIGatewayProxyWebsocketEventV2): Promise<ActionResult> => {
    const connectionId = event.requestContext.connectionId;
    let body: unknown;
    try {
      body = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''));
    } catch {
      return answer(errorFrame('invalid_frame', 'A frame is a JSON object'));
    }
    const parsed = z.safeParse(schema, body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return answer(errorFrame('invalid_frame', `${issue.path.map(String).join('.') || 'frame'}: ${issue.message}`));
    }
    try {
      return answer(await run(connectionId, parsed.data));
    } catch (error) {
      if (!(error instanceof AppError) || error.kind === 'internal') throw error;
      logger.info('live action refused', { connectionId, code: error.code });
      return answer(errorFrame(error.code, error.message));
    }
  });
}

/** `{"action": "ping", "timestamp"?}` → `pong` with the same timestamp (a keep-alive the client can time). */
export const pingSchema = z.object({ action: z.literal('ping'), timestamp: z.optional(z.union([z.string(), z.number()])) });
export const pingAction = () => liveAction(pingSchema, async (_connectionId, frame) => eventFrame('pong', { timestamp: frame.timestamp ?? null }));

/** `$default`: a frame that is not a JSON object with an action, or whose action has no route. */
export const unknownAction = () =>
  liveAction(z.unknown(), async (_connectionId, frame) =>
    typeof frame === 'object' && frame !== null && typeof (frame as { action?: unknown }).action === 'string'
      ? errorFrame('unknown_action', 'Unknown action: the actions are named in the API’s AsyncAPI document')
      : errorFrame('invalid_frame', 'A frame is a JSON object with an action'),
  );

/** The frames every live events API shares, for its AsyncAPI document. */
const envelope = (data: z.core.$ZodType) => z.object({ event: z.string(), data });
export const commonProtocol: Pick<WebSocketProtocol, 'receives' | 'sends'> = {
  receives: {
    ping: { summary: 'Keep-alive; answered with `pong`', schema: pingSchema },
  },
  sends: {
    pong: { summary: 'The answer to `ping`, with its timestamp', schema: envelope(z.object({ timestamp: z.union([z.string(), z.number(), z.null()]) })) },
    error: {
      summary: 'A frame refused: not JSON, an unknown action, invalid fields, or a room the caller may not join',
      schema: envelope(z.object({ code: z.string(), message: z.string() })),
    },
  },
};

/**
 * The envelope of a published event: its name, its fields, an id (a repeat
 * delivery carries the same id) and when it happened.
 */
export const publishedEvent = (name: string, data: z.core.$ZodType) => z.object({ event: z.literal(name), data, id: z.string(), at: z.string() });
