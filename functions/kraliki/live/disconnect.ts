/** `$disconnect`: the connection and its memberships go. */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { observed } from '#shared/observability/invocation';
import { live } from './live.ts';

export const handler = observed(async (event: APIGatewayProxyWebsocketEventV2) => {
  await live.forget(event.requestContext.connectionId);
  return { statusCode: 200 };
});
