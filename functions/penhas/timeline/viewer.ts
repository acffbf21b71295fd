/** The viewer of a timeline request: her account, her address (media links are bound to it) and the API's public base URL. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { SessionCaller } from '../accounts/session-auth.ts';
import { publicBaseUrl } from './links.ts';
import type { Viewer } from './timeline.ts';

export const viewerOf = (caller: SessionCaller, event: Pick<APIGatewayProxyEventV2, 'requestContext' | 'headers'>): Viewer => ({
  user: caller.user,
  userAgent: event.headers?.['user-agent'],
  ip: event.requestContext.http.sourceIp,
  base: publicBaseUrl(event.requestContext.domainName),
});
