/** `$disconnect` of both hubs: the chat's history and state go with the connection. */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { observed } from '#shared/observability/invocation';
import { forgetConnection } from '../chat/chat-state.ts';

export const handler = observed(async (event: APIGatewayProxyWebsocketEventV2) => {
  await forgetConnection(event.requestContext.connectionId);
  return { statusCode: 200 };
});
