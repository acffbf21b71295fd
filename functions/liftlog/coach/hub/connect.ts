/**
 * `$connect` of both hubs: the pro credential is checked again (Authorization
 * header, or `access_token` for browsers) before the upgrade; a refused one
 * never gets a connection.
 */
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { AppError } from '#shared/errors';
import { authenticateProUser, type CredentialCarrier } from '../auth/pro-token.ts';
import { recordConnection } from '../chat/chat-state.ts';

type ConnectEvent = APIGatewayProxyWebsocketEventV2 & CredentialCarrier;

export const handler = async (event: ConnectEvent) => {
  try {
    const credential = await authenticateProUser(event);
    await recordConnection(event.requestContext.connectionId, credential);
    return { statusCode: 200 };
  } catch (error) {
    if (error instanceof AppError && error.kind === 'unauthenticated') return { statusCode: 401 };
    throw error;
  }
};
